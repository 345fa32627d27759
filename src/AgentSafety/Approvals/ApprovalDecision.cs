namespace AgentSafety;

/// <summary>How an approval request ended.</summary>
public enum ApprovalOutcome
{
    /// <summary>The user approved the call.</summary>
    Approved,

    /// <summary>The user refused the call.</summary>
    Denied,

    /// <summary>Nobody answered before the request expired or the gate's deadline passed.</summary>
    Expired,

    /// <summary>The approval provider could not be reached or answered with an error.</summary>
    Failed,
}

/// <summary>The result of an approval request. Only <see cref="ApprovalOutcome.Approved"/> lets a call run.</summary>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Reason">A short explanation fit to show the model and the user; never protocol detail.</param>
public sealed record ApprovalDecision(ApprovalOutcome Outcome, string Reason)
{
    /// <summary>Whether the call may run.</summary>
    public bool IsApproved => Outcome == ApprovalOutcome.Approved;

    /// <summary>An approval.</summary>
    public static ApprovalDecision Approved() => new(ApprovalOutcome.Approved, "approved by the user");

    /// <summary>A refusal by the user.</summary>
    public static ApprovalDecision Denied(string reason = "the user declined the request") =>
        new(ApprovalOutcome.Denied, reason);

    /// <summary>No answer in time.</summary>
    public static ApprovalDecision Expired(string reason = "the approval request expired without an answer") =>
        new(ApprovalOutcome.Expired, reason);

    /// <summary>The provider failed.</summary>
    public static ApprovalDecision Failed(string reason = "approval could not be obtained") =>
        new(ApprovalOutcome.Failed, reason);
}

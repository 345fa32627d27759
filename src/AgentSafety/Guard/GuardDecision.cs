namespace AgentSafety;

/// <summary>The step of the guard pipeline that decided a call.</summary>
public enum GuardStage
{
    /// <summary>Finding the signed-in user.</summary>
    Principal,

    /// <summary>RBAC permissions.</summary>
    Permission,

    /// <summary>Relationship checks on the objects the arguments name.</summary>
    Relationship,

    /// <summary>Human approval.</summary>
    Approval,

    /// <summary>Obtaining delegated tokens.</summary>
    DelegatedToken,

    /// <summary>Every step passed.</summary>
    Completed,
}

/// <summary>The guard's verdict on one call.</summary>
public sealed class GuardDecision
{
    private GuardDecision(
        bool isAllowed,
        GuardStage stage,
        string? denialReason,
        ToolPrincipal? principal,
        IReadOnlyDictionary<string, AccessToken> tokens)
    {
        IsAllowed = isAllowed;
        Stage = stage;
        DenialReason = denialReason;
        Principal = principal;
        Tokens = tokens;
    }

    /// <summary>Whether the tool may run.</summary>
    public bool IsAllowed { get; }

    /// <summary>The stage that denied the call, or <see cref="GuardStage.Completed"/>.</summary>
    public GuardStage Stage { get; }

    /// <summary>Why the call was denied, in words fit for the model and the user.</summary>
    public string? DenialReason { get; }

    /// <summary>The signed-in user, when one was found.</summary>
    public ToolPrincipal? Principal { get; }

    /// <summary>Delegated tokens by parameter name; empty unless the call is allowed.</summary>
    public IReadOnlyDictionary<string, AccessToken> Tokens { get; }

    /// <summary>An allowed call.</summary>
    public static GuardDecision Allow(ToolPrincipal principal, IReadOnlyDictionary<string, AccessToken> tokens) =>
        new(true, GuardStage.Completed, null, principal, tokens);

    /// <summary>A denied call.</summary>
    public static GuardDecision Deny(GuardStage stage, string reason, ToolPrincipal? principal = null) =>
        new(false, stage, reason, principal, new Dictionary<string, AccessToken>());
}

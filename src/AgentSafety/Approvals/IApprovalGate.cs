namespace AgentSafety;

/// <summary>
/// Asks a person to approve a critical tool call out of band (OpenID CIBA, a console prompt, a chat card).
/// </summary>
public interface IApprovalGate
{
    /// <summary>Asks for approval and waits for the answer or the gate's own deadline.</summary>
    /// <remarks>
    /// Implementations return a decision rather than throw; the guard denies on any exception anyway.
    /// </remarks>
    Task<ApprovalDecision> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken = default);
}

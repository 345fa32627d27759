namespace AgentSafety;

/// <summary>
/// Answers relationship checks. The OpenFGA HTTP client and the embedded evaluator both implement it, so a host can
/// move from the local default to a server without touching its tools.
/// </summary>
public interface IRelationshipChecker
{
    /// <summary>
    /// Answers all <paramref name="checks"/> of one tool call together (one batch-check request where the store
    /// supports it). The result holds one entry per check, in the same order.
    /// </summary>
    /// <exception cref="Exception">Any failure; the guard turns it into a denial.</exception>
    Task<IReadOnlyList<RelationshipCheckResult>> CheckAsync(
        IReadOnlyList<RelationshipCheck> checks,
        CancellationToken cancellationToken = default);
}

namespace AgentSafety.Analyzers.Tests.Generator;

// Stand-ins for the relationship store, approval provider and token vault. The generator tests are about the
// generated code calling the guard correctly; the real stores have their own suites against real servers.

internal sealed class TupleSetChecker(params string[] tuples) : IRelationshipChecker
{
    private readonly HashSet<string> _tuples = new(tuples, StringComparer.Ordinal);

    public List<RelationshipCheck> Asked { get; } = [];

    public Task<IReadOnlyList<RelationshipCheckResult>> CheckAsync(
        IReadOnlyList<RelationshipCheck> checks,
        CancellationToken cancellationToken = default)
    {
        Asked.AddRange(checks);
        IReadOnlyList<RelationshipCheckResult> results = checks
            .Select(check => new RelationshipCheckResult(check, _tuples.Contains(check.ToString())))
            .ToList();
        return Task.FromResult(results);
    }
}

internal sealed class RecordingApprovalGate(bool approve) : IApprovalGate
{
    public List<ApprovalRequest> Requests { get; } = [];

    public Task<ApprovalDecision> RequestApprovalAsync(
        ApprovalRequest request,
        CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(approve ? ApprovalDecision.Approved() : ApprovalDecision.Denied());
    }
}

internal sealed class FixedTokenVault(string token) : ITokenVault
{
    public List<DelegatedTokenRequest> Requests { get; } = [];

    public Task<DelegatedTokenResult> GetTokenAsync(
        DelegatedTokenRequest request,
        CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        var issued = new AccessToken(token, request.Connection, request.Scopes, DateTimeOffset.UtcNow.AddMinutes(5));
        return Task.FromResult(DelegatedTokenResult.Issued(issued));
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AgentSafety.Tests;

internal static class GuardTestKit
{
    public static ToolPrincipal Anne { get; } = new("anne", ["trade:buy"]);

    public static ToolGuard Guard(
        FakeLogger<ToolGuard>? logger = null,
        IRelationshipChecker? relationships = null,
        IApprovalGate? approvals = null,
        ITokenVault? tokens = null,
        Action<AgentSafetyOptions>? configure = null)
    {
        var options = new AgentSafetyOptions();
        configure?.Invoke(options);
        return new ToolGuard(
            new DefaultToolPrincipalAccessor(), Options.Create(options), logger, relationships, approvals, tokens);
    }

    public static ToolInvocation Call(
        ToolRequirements requirements,
        ToolPrincipal? principal,
        params (string Name, object? Value)[] bound)
    {
        var arguments = new AIFunctionArguments();
        if (principal is not null)
            arguments.Context = new Dictionary<object, object?> { [typeof(ToolPrincipal)] = principal };

        return new ToolInvocation(requirements, arguments, bound.ToDictionary(pair => pair.Name, pair => pair.Value));
    }
}

internal sealed class SetChecker(params string[] allowed) : IRelationshipChecker
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<RelationshipCheckResult>> CheckAsync(
        IReadOnlyList<RelationshipCheck> checks,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        IReadOnlyList<RelationshipCheckResult> results =
            checks.Select(check => new RelationshipCheckResult(check, allowed.Contains(check.ToString()))).ToList();
        return Task.FromResult(results);
    }
}

internal sealed class ThrowingChecker(Exception exception) : IRelationshipChecker
{
    public Task<IReadOnlyList<RelationshipCheckResult>> CheckAsync(
        IReadOnlyList<RelationshipCheck> checks,
        CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyList<RelationshipCheckResult>>(exception);
}

internal sealed class SlowApprovalGate : IApprovalGate
{
    public async Task<ApprovalDecision> RequestApprovalAsync(
        ApprovalRequest request,
        CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ApprovalDecision.Approved();
    }
}

internal sealed class DenyingVault(string reason) : ITokenVault
{
    public Task<DelegatedTokenResult> GetTokenAsync(
        DelegatedTokenRequest request,
        CancellationToken cancellationToken = default) => Task.FromResult(DelegatedTokenResult.Denied(reason));
}

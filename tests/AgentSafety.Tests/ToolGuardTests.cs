using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.Extensions.Logging.Testing;
using static AgentSafety.Tests.GuardTestKit;

namespace AgentSafety.Tests;

public sealed class ToolGuardTests
{
    private static readonly ToolRequirements s_buy = new(
        "BuyStock",
        permissions: ["trade:buy"],
        relations: [new RelationRequirement("can_buy", "asset", "ticker")]);

    [Fact]
    public async Task AllStepsPass_Allows()
    {
        var decision = await Guard(relationships: new SetChecker("user:anne can_buy asset:OKTA"))
            .AuthorizeAsync(Call(s_buy, Anne, ("ticker", "OKTA")), default);

        Assert.True(decision.IsAllowed);
        Assert.Equal(GuardStage.Completed, decision.Stage);
        Assert.Same(Anne, decision.Principal);
    }

    [Fact]
    public async Task RelationshipCheckerMissing_DeniesRatherThanSkips()
    {
        var decision = await Guard().AuthorizeAsync(Call(s_buy, Anne, ("ticker", "OKTA")), default);

        Assert.False(decision.IsAllowed);
        Assert.Equal(GuardStage.Relationship, decision.Stage);
        Assert.Equal("relationship checks are not configured", decision.DenialReason);
    }

    [Fact]
    public async Task CheckerThrows_DeniesGenericallyAndLogsDetail()
    {
        var logger = new FakeLogger<ToolGuard>();
        var failure = new HttpRequestException("store unreachable at 10.1.2.3 with key sk_live_secret");

        var decision = await Guard(logger, new ThrowingChecker(failure))
            .AuthorizeAsync(Call(s_buy, Anne, ("ticker", "OKTA")), default);

        Assert.False(decision.IsAllowed);
        Assert.DoesNotContain("sk_live", decision.DenialReason);
        Assert.DoesNotContain("10.1.2.3", decision.DenialReason);
        var error = logger.Collector.GetSnapshot().Single(record => record.Id.Id == 1003);
        Assert.Same(failure, error.Exception);
    }

    [Theory]
    [InlineData("OKTA#member")]
    [InlineData("OKTA or asset:MSFT")]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("user:anne")]
    public async Task ObjectIdThatCouldNameAnotherObject_IsDeniedBeforeTheStore(string ticker)
    {
        var checker = new SetChecker("user:anne can_buy asset:" + ticker);

        var decision = await Guard(relationships: checker)
            .AuthorizeAsync(Call(s_buy, Anne, ("ticker", ticker)), default);

        Assert.False(decision.IsAllowed);
        Assert.StartsWith("the argument 'ticker' is not a valid asset id", decision.DenialReason);
        Assert.Equal(0, checker.Calls);
    }

    [Fact]
    public async Task RolePermissions_GrantThroughRoleClaims()
    {
        var claims = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "trader")], "test"));
        var carol = new ToolPrincipal("carol", claims: claims);
        var guard = Guard(
            relationships: new SetChecker("user:carol can_buy asset:OKTA"),
            configure: options => options.RolePermissions["trader"] = ["trade:buy"]);

        var decision = await guard.AuthorizeAsync(Call(s_buy, carol, ("ticker", "OKTA")), default);

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public async Task ApprovalNotAnsweredInTime_DeniesAsExpired()
    {
        var requirements = new ToolRequirements("Sell", approvalMessage: "Sell {qty}");
        var guard = Guard(
            approvals: new SlowApprovalGate(),
            configure: options => options.ApprovalTimeout = TimeSpan.FromMilliseconds(50));

        var decision = await guard.AuthorizeAsync(Call(requirements, Anne, ("qty", 3)), default);

        Assert.Equal(GuardStage.Approval, decision.Stage);
        Assert.Contains("expired", decision.DenialReason);
    }

    [Fact]
    public async Task CallerCancels_CancellationPropagates()
    {
        var requirements = new ToolRequirements("Sell", approvalMessage: "Sell");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Guard(approvals: new SlowApprovalGate()).AuthorizeAsync(Call(requirements, Anne), cancel.Token));
    }

    [Fact]
    public async Task VaultRefuses_DeniesWithItsUserFacingReason()
    {
        var requirements = new ToolRequirements(
            "IsFree", tokens: [new TokenRequirement("google", "google-oauth2", [])]);

        var decision = await Guard(tokens: new DenyingVault("connect your Google account first"))
            .AuthorizeAsync(Call(requirements, Anne), default);

        Assert.Equal(GuardStage.DelegatedToken, decision.Stage);
        Assert.Equal("connect your Google account first", decision.DenialReason);
    }

    [Fact]
    public async Task Decision_IsTracedAndCounted()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentSafetyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var outcomes = new List<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == AgentSafetyTelemetry.DecisionCounterName)
                l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            outcomes.Add(tags.ToArray().Single(tag => tag.Key == "agentsafety.outcome").Value!.ToString()!));
        meters.Start();

        await Guard().AuthorizeAsync(Call(s_buy, principal: null, ("ticker", "OKTA")), default);

        var activity = Assert.Single(activities, a => a.GetTagItem("agentsafety.tool") as string == "BuyStock");
        Assert.Equal("denied", activity.GetTagItem("agentsafety.outcome"));
        Assert.Contains("denied", outcomes);
    }
}

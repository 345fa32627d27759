using AgentSafety.OAuth;
using Microsoft.Extensions.AI;

namespace AgentSafety.OAuth.Tests;

/// <summary>The core guard with the CIBA gate and the token vault plugged in through DI.</summary>
[Collection(IdentityProviderCollection.Name)]
public sealed class GuardPipelineTests(IdentityProviderFixture idp)
{
    private static readonly ToolRequirements PostTrade = new(
        "PostTrade",
        approvalMessage: "Buy {qty} {ticker}",
        tokens: [new TokenRequirement("slack", "slack", ["channels:read"])]);

    private OAuthHarness Harness() => OAuthHarness.Create(builder => builder
        .AddCibaApprovals(options =>
        {
            options.Authority = idp.Issuer;
            options.UseClientSecret("agent", "agent-secret");
        })
        .AddTokenVault(options =>
        {
            options.Authority = idp.Issuer;
            options.UseClientSecret("agent", "agent-secret");
            options.Flavor = TokenExchangeFlavor.Auth0FederatedConnection;
        }));

    private static ToolInvocation Invocation(string ticker) =>
        new(PostTrade, new AIFunctionArguments(), new Dictionary<string, object?>
        {
            ["qty"] = 10,
            ["ticker"] = ticker,
        });

    private async Task<(GuardDecision Decision, CibaRequestRecord Record, string SubjectToken)> AuthorizeAsync(
        OAuthHarness harness,
        string answer)
    {
        var tokens = await idp.Control.SubjectTokensAsync("alice");
        var before = await idp.Control.LastRequestIdAsync();
        using var signedIn = ToolPrincipalScope.Begin(new ToolPrincipal("alice", subjectToken: tokens.AccessToken));
        var pending = harness.Guard.AuthorizeAsync(Invocation("ACME"), CancellationToken.None);
        var record = await idp.Control.AnswerNextAsync(answer, before);
        return (await pending, record, tokens.AccessToken);
    }

    [Fact]
    public async Task UserApprovesOnTheirDevice_CallAllowedWithDelegatedToken()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();

        var (decision, record, subjectToken) = await AuthorizeAsync(harness, "approve");

        Assert.True(decision.IsAllowed, decision.DenialReason);
        Assert.Equal("Buy 10 ACME", record.BindingMessage);
        Assert.Equal("slack", decision.Tokens["slack"].Connection);
        harness.AssertLogsHide("agent-secret", subjectToken, record.AuthReqId, decision.Tokens["slack"].Value);
    }

    [Fact]
    public async Task UserDeclines_CallDeniedAtApprovalWithoutToken()
    {
        await idp.Control.ResetAsync();
        using var harness = Harness();

        var (decision, _, _) = await AuthorizeAsync(harness, "deny");

        Assert.False(decision.IsAllowed);
        Assert.Equal(GuardStage.Approval, decision.Stage);
        Assert.Equal("the user declined the request", decision.DenialReason);
        Assert.Empty(await idp.Control.ExchangesAsync());
    }
}

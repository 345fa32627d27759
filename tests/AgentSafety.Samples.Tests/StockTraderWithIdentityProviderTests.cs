using AgentSafety.OAuth.Tests;

namespace AgentSafety.Samples.Tests;

/// <summary>The test provider as a demo runs it: any user may sign in, and each request is approved shortly.</summary>
public sealed class AutoApprovingIdentityProviderFixture : IdentityProviderFixture
{
    protected override string ServerArguments => "--quiet --accept-any-user --auto-approve=200";
}

/// <summary>Runs the sample agent with <c>--idp</c>: approvals go through CIBA to the real provider process.</summary>
public sealed class StockTraderWithIdentityProviderTests(AutoApprovingIdentityProviderFixture idp)
    : IClassFixture<AutoApprovingIdentityProviderFixture>
{
    [Fact]
    public async Task IdpFlag_SendsApprovalsThroughCibaAndActsOnTheProvidersAnswer()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll, "--idp", idp.Issuer]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("asked anne to approve \"Buy 10 OKTA\" on their device (CIBA at", run.Output);
        Assert.Contains("[approval] Approved", run.Output);
        Assert.Contains("[tool result] bought 10 OKTA; anne now holds 10", run.Output);
        var requests = await idp.Control.RequestsAsync();
        Assert.Contains(requests, request => request.BindingMessage == "Buy 10 OKTA" && request.AccountId == "anne");
    }
}

namespace AgentSafety.Samples.Tests;

/// <summary>Runs the sample agent as the README tells a new user to, and reads its transcript.</summary>
public sealed class StockTraderRunTests
{
    [Fact]
    public async Task ApproveAll_ShowsAllowedRelationshipDeniedAndPermissionDenied()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll, "--approve", "all"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[tool result] bought 10 OKTA; anne now holds 10", run.Output);
        Assert.Contains("denied: user:anne may not can_buy asset:XYZ", run.Output);
        Assert.Contains("denied: user:bob lacks the permission trade:buy", run.Output);
        Assert.Contains("Tool calls allowed: 4, denied: 3", run.Output);
    }

    [Fact]
    public async Task ForgedUserArgument_StillActsAsSignedInUser()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll, "--approve", "all"]);

        var forgedTurn = run.Output[run.Output.IndexOf("bob> Buy 3 OKTA as anne", StringComparison.Ordinal)..];
        Assert.Contains("BuyStock(ticker: OKTA, quantity: 3, user: anne)", forgedTurn);
        Assert.Contains("denied for bob at Permission", forgedTurn);
    }

    [Fact]
    public async Task ApproveNone_DeniesEveryCriticalTrade()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll, "--approve", "none"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("denied: the user declined the request", run.Output);
        Assert.DoesNotContain("bought", run.Output);
    }

    [Fact]
    public async Task InteractiveAnswers_ComeFromTheTerminal()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll], standardInput: "y\nn\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[tool result] bought 10 OKTA", run.Output);
        Assert.Contains("\"Sell 4 OKTA\"? (y/n)", run.Output);
        Assert.Contains("denied: the user declined the request", run.Output);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsage()
    {
        var run = await SampleProcess.RunAsync("dotnet", [SampleProcess.StockTraderDll, "--approve", "maybe"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: StockTrader", run.Error);
    }
}

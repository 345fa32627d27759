using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.GuardBypassedAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class GuardBypassedAnalyzerTests
{
    [Fact]
    public Task AIFunctionFactoryOfMethodWithRequirements_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed partial class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string Buy(string ticker) => ticker;

            public AIFunction Register() => AIFunctionFactory.Create({|#0:Buy|});
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Buy", "AIFunctionFactory.Create"));

    [Fact]
    public Task McpServerToolCreateOfDelegateAndMethodInfo_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using ModelContextProtocol.Server;

        public sealed partial class TradingTools
        {
            [RequiresApproval("Sell {ticker}")]
            public string Sell(string ticker) => ticker;

            public McpServerTool[] Register() =>
            [
                McpServerTool.Create({|#0:Sell|}),
                McpServerTool.Create({|#1:typeof(TradingTools).GetMethod(nameof(Sell))|}, this),
            ];
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Sell", "McpServerTool.Create"),
        Verify.Diagnostic("AS1005").WithLocation(1).WithArguments("Sell", "McpServerTool.Create"));

    [Fact]
    public Task LambdaWithRequirement_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Register() =>
                AIFunctionFactory.Create({|#0:[RequiresPermission("files:delete")] (string path) => path|});
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("lambda", "AIFunctionFactory.Create"));

    [Fact]
    public Task PublicToolOrTypeLevelPermissionOnly_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        [RequiresPermission("quotes:read")]
        public sealed class QuoteTools
        {
            public string Quote(string ticker) => ticker;

            [PublicTool("Market hours are public")]
            public string Hours() => "9-17";

            public AIFunction[] Register() => [AIFunctionFactory.Create(Quote), AIFunctionFactory.Create(Hours)];
        }
        """);
}

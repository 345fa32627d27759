using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.RequirementsNeedPartialTypeAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class RequirementsNeedPartialTypeAnalyzerTests
{
    [Fact]
    public Task RequirementInNonPartialClass_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string {|#0:Buy|}(string ticker) => ticker;
        }
        """,
        Verify.Diagnostic("AS4001").WithLocation(0).WithArguments("Buy", "TradingTools"));

    [Fact]
    public Task RequirementInPartialClassNestedInNonPartial_NamesOuterType() => Verify.VerifyAsync("""
        using AgentSafety;

        public static class Outer
        {
            public sealed partial class TradingTools
            {
                [RequiresApproval("Buy {ticker}")]
                public string {|#0:Buy|}(string ticker) => ticker;
            }
        }
        """,
        Verify.Diagnostic("AS4001").WithLocation(0).WithArguments("Buy", "Outer"));

    [Fact]
    public Task RequirementInPartialTypes_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public static partial class Outer
        {
            public sealed partial class TradingTools
            {
                [RequiresRelation("can_buy", "asset", nameof(ticker))]
                public string Buy(string ticker) => ticker;
            }
        }
        """);

    [Fact]
    public Task PublicToolOrTypeLevelPermissionOnly_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        [RequiresPermission("quotes:read")]
        public sealed class QuoteTools
        {
            public string Quote(string ticker) => ticker;

            [PublicTool("Market hours are public")]
            public string Hours() => "9-17";
        }
        """);
}

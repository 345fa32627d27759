using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.RequirementsNeedPartialTypeAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.MakeTypesPartialFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class MakeTypesPartialFixerTests
{
    [Fact]
    public Task NestedTypesAndSeveralMethods_AllBecomePartialOnce() => Verify.VerifyAsync("""
        using AgentSafety;

        static class Outer
        {
            public sealed class TradingTools
            {
                [RequiresPermission("trade:buy")]
                public string [|Buy|](string ticker) => ticker;

                [RequiresPermission("trade:sell")]
                public string [|Sell|](string ticker) => ticker;
            }
        }

        class Plain
        {
            [RequiresApproval("Run {name}")]
            public string [|Run|](string name) => name;
        }
        """, """
        using AgentSafety;

        static partial class Outer
        {
            public sealed partial class TradingTools
            {
                [RequiresPermission("trade:buy")]
                public string Buy(string ticker) => ticker;

                [RequiresPermission("trade:sell")]
                public string Sell(string ticker) => ticker;
            }
        }

        partial class Plain
        {
            [RequiresApproval("Run {name}")]
            public string Run(string name) => name;
        }
        """, MakeTypesPartialFixer.EquivalenceKey);
}

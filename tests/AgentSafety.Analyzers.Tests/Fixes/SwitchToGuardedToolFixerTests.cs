using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.GuardBypassedAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.SwitchToGuardedToolFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

// The generator is not part of these tests; each source declares CreateGuardedTools with the signature the
// generator emits, which is what the fix looks for.
public sealed class SwitchToGuardedToolFixerTests
{
    [Fact]
    public Task InstanceMethodGroupsIntoToolList_UseGuardedToolsAndImportLinq() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed partial class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string BuyAsync(string ticker) => ticker;

            [AgentTool("sell_stock")]
            [RequiresApproval("Sell {ticker}")]
            public string Sell(string ticker) => ticker;

            public IList<AITool> CreateGuardedTools(ToolGuard guard) => [];
        }

        public static class Registry
        {
            public static IList<AITool> Tools(TradingTools trading, ToolGuard guard) =>
            [
                AIFunctionFactory.Create([|trading.BuyAsync|]),
                AIFunctionFactory.Create([|trading.Sell|], name: "sell"),
            ];
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed partial class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string BuyAsync(string ticker) => ticker;

            [AgentTool("sell_stock")]
            [RequiresApproval("Sell {ticker}")]
            public string Sell(string ticker) => ticker;

            public IList<AITool> CreateGuardedTools(ToolGuard guard) => [];
        }

        public static class Registry
        {
            public static IList<AITool> Tools(TradingTools trading, ToolGuard guard) =>
            [
                trading.CreateGuardedTools(guard).Single(tool => tool.Name == "Buy"),
                trading.CreateGuardedTools(guard).Single(tool => tool.Name == "sell_stock"),
            ];
        }
        """, SwitchToGuardedToolFixer.EquivalenceKey);

    [Fact]
    public Task StaticMethodIntoAIFunction_CastsAndUsesGuardField() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static partial class FileTools
        {
            private static readonly ToolGuard s_guard = null!;

            [RequiresRelation("can_delete", "file", nameof(path))]
            public static string Delete(string path) => path;

            public static IList<AITool> CreateGuardedTools(ToolGuard guard) => [];

            public static AIFunction Register() =>
                AIFunctionFactory.Create([|Delete|]);
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static partial class FileTools
        {
            private static readonly ToolGuard s_guard = null!;

            [RequiresRelation("can_delete", "file", nameof(path))]
            public static string Delete(string path) => path;

            public static IList<AITool> CreateGuardedTools(ToolGuard guard) => [];

            public static AIFunction Register() =>
                (AIFunction)FileTools.CreateGuardedTools(s_guard).Single(tool => tool.Name == "Delete");
        }
        """, SwitchToGuardedToolFixer.EquivalenceKey);

    [Fact]
    public Task NoGeneratedFactory_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string Buy(string ticker) => ticker;

            public AIFunction Register(ToolGuard guard) => AIFunctionFactory.Create([|Buy|]);
        }
        """, SwitchToGuardedToolFixer.EquivalenceKey);

    [Fact]
    public Task NoGuardInScope_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using System.Collections.Generic;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed partial class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string Buy(string ticker) => ticker;

            public IList<AITool> CreateGuardedTools(ToolGuard guard) => [];

            public AIFunction Register() => AIFunctionFactory.Create([|Buy|]);
        }
        """, SwitchToGuardedToolFixer.EquivalenceKey);
}

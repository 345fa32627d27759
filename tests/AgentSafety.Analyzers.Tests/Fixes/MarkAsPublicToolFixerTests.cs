using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.MarkAsPublicToolFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class MarkAsPublicToolFixerTests
{
    [Fact]
    public Task KernelFunction_AddsPublicToolWithPlaceholder() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class RatesPlugin
        {
            [KernelFunction]
            public decimal [|Rate|](string currency) => 1m;
        }
        """, """
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class RatesPlugin
        {
            [KernelFunction]
            [PublicTool("Explain why any caller may use this tool")]
            public decimal Rate(string currency) => 1m;
        }
        """, MarkAsPublicToolFixer.EquivalenceKey);

    [Fact]
    public Task UnnamedLambda_GetsPublicToolInline() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create([|(string q) => q|]);
        }
        """, """
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create([PublicTool("Explain why any caller may use this tool")] (string q) => q);
        }
        """, MarkAsPublicToolFixer.EquivalenceKey);

    [Fact]
    public Task DeclarationInAnotherFile_IsFixedThere() => new Verifiers.CodeFixVerifier<
        AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer, MarkAsPublicToolFixer>.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using AgentSafety.Samples;
                using Microsoft.Extensions.AI;

                public static class Registry
                {
                    public static AIFunction Create() => AIFunctionFactory.Create([|Clock.Now|]);
                }
                """,
                """
                namespace AgentSafety.Samples;

                public static class Clock
                {
                    public static string Now() => "12:00";
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using AgentSafety.Samples;
                using Microsoft.Extensions.AI;

                public static class Registry
                {
                    public static AIFunction Create() => AIFunctionFactory.Create(Clock.Now);
                }
                """,
                """
                namespace AgentSafety.Samples;

                public static class Clock
                {
                    [PublicTool("Explain why any caller may use this tool")]
                    public static string Now() => "12:00";
                }
                """,
            },
        },
        CodeActionEquivalenceKey = MarkAsPublicToolFixer.EquivalenceKey,
    }.RunAsync();

    [Fact]
    public Task ProjectWithoutAgentSafety_OffersNoFix() => new Verifiers.CodeFixVerifier<
        AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer, MarkAsPublicToolFixer>.Test
    {
        TestCode = """
            using Microsoft.Extensions.AI;

            public static class Tools
            {
                public static string Weather(string city) => city;

                public static AIFunction Create() => AIFunctionFactory.Create([|Weather|]);
            }
            """,
        FixedCode = """
            using Microsoft.Extensions.AI;

            public static class Tools
            {
                public static string Weather(string city) => city;

                public static AIFunction Create() => AIFunctionFactory.Create([|Weather|]);
            }
            """,
        CodeActionEquivalenceKey = MarkAsPublicToolFixer.EquivalenceKey,
        WithoutAgentSafety = true,
    }.RunAsync();
}

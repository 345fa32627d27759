using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.PublicToolWithoutJustificationAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class PublicToolWithoutJustificationAnalyzerTests
{
    [Fact]
    public Task EmptyOrPlaceholderJustification_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        [PublicTool({|#0:" "|})]
        public sealed class Clock
        {
            [PublicTool({|#1:"Explain why any caller may use this tool"|})]
            public string Now() => "12:00";

            public AIFunction[] Create()
            {
                return
                [
                    AIFunctionFactory.Create([PublicTool({|#2:""|})] (string q) => q),
                    AIFunctionFactory.Create(Local),
                ];

                [PublicTool({|#3:null|})]
                static string Local() => "";
            }
        }
        """,
        Verify.Diagnostic("AS1008").WithLocation(0).WithArguments("Clock", "has no justification"),
        Verify.Diagnostic("AS1008").WithLocation(1).WithArguments("Now", "still has the placeholder justification"),
        Verify.Diagnostic("AS1008").WithLocation(2).WithArguments("lambda", "has no justification"),
        Verify.Diagnostic("AS1008").WithLocation(3).WithArguments("Local", "has no justification"));

    [Fact]
    public Task RealJustification_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed class Clock
        {
            [PublicTool("The server time is shown on the public status page")]
            public string Now() => "12:00";
        }
        """);
}

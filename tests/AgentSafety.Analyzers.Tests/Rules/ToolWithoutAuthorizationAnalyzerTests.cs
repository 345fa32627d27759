using AgentSafety.Analyzers.Rules;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class ToolWithoutAuthorizationAnalyzerTests
{
    [Fact]
    public Task FactoryMethodGroupWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create({|#0:Weather|});
        }
        """,
        Verify.Diagnostic(ToolWithoutAuthorizationAnalyzer.Rule.Id).WithLocation(0).WithArguments("Weather"));

    [Fact]
    public Task FactoryMethodGroupWithPermission_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            [RequiresPermission("weather:read")]
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create(Weather);
        }
        """);
}

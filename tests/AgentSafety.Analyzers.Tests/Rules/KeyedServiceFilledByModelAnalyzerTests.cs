using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.KeyedServiceFilledByModelAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class KeyedServiceFilledByModelAnalyzerTests
{
    [Fact]
    public Task KeyedParameterInFactoryTool_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;

        public interface IStore { }

        public static class Tools
        {
            public static string Read(string key, [FromKeyedServices("primary")] IStore {|#0:store|}) => key;

            public static AIFunction Create() => AIFunctionFactory.Create(Read);
        }
        """,
        Verify.Diagnostic("AS1004").WithLocation(0).WithArguments("store", "AIFunctionFactory"));

    [Fact]
    public Task KeyedParameterInGeneratedTool_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.DependencyInjection;

        public interface IStore { }

        public sealed partial class Tools
        {
            [RequiresPermission("store:read")]
            public string Read(string key, [FromKeyedServices("primary")] IStore {|#0:store|}) => key;
        }
        """,
        Verify.Diagnostic("AS1004").WithLocation(0).WithArguments("store", "the AgentSafety generator"));

    [Fact]
    public Task KeyedParameterInMcpTool_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        public interface IStore { }

        [McpServerToolType]
        public static class McpTools
        {
            [McpServerTool]
            public static string Read(string key, [FromKeyedServices("primary")] IStore store) => key;
        }
        """);
}

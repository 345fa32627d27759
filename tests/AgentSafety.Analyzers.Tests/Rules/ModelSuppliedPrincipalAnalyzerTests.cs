using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.ModelSuppliedPrincipalAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class ModelSuppliedPrincipalAnalyzerTests
{
    [Fact]
    public Task ClaimsPrincipalInFactoryTool_Triggers() => Verify.VerifyAsync("""
        using System.Security.Claims;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Orders(ClaimsPrincipal {|#0:user|}) => user.Identity?.Name ?? "";

            public static AIFunction[] Create() => [AIFunctionFactory.Create(Orders), AIFunctionFactory.Create(Orders)];
        }
        """,
        Verify.Diagnostic("AS1002").WithLocation(0).WithArguments("user", "Orders", "ClaimsPrincipal"));

    [Fact]
    public Task ToolPrincipalInKernelFunction_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class Plugin
        {
            [KernelFunction, PublicTool("reads own profile")]
            public string Profile(ToolPrincipal {|#0:me|}) => "";
        }
        """,
        Verify.Diagnostic("AS1002").WithLocation(0).WithArguments("me", "Profile", "ToolPrincipal"));

    [Fact]
    public Task ClaimsPrincipalInMcpTool_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Security.Claims;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class McpTools
        {
            [McpServerTool]
            public static string Whoami(ClaimsPrincipal user) => user.Identity?.Name ?? "";

            public static McpServerTool Create() => McpServerTool.Create(Whoami);
        }
        """);

    [Fact]
    public Task OrdinaryParameters_DoNotTrigger() => Verify.VerifyAsync("""
        using System.Threading;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Orders(string status, CancellationToken cancellationToken) => status;

            public static AIFunction Create() => AIFunctionFactory.Create(Orders);
        }
        """);
}

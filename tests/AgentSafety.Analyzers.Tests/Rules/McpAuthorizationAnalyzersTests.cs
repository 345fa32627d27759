using Filters = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.McpAuthorizationFiltersMissingAnalyzer>;
using Metadata = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.McpFunctionLosesAuthorizationAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class McpAuthorizationAnalyzersTests
{
    private const string AuthorizedTools = """
        using Microsoft.AspNetCore.Authorization;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class AdminTools
        {
            [McpServerTool(Name = "drop_table"), Authorize(Roles = "dba")]
            public static string DropTable(string table) => table;

            [McpServerTool, AllowAnonymous]
            public static string Status() => "ok";
        }
        """;

    [Fact]
    public Task FunctionFromAuthorizedMethod_Triggers() => Metadata.VerifyAsync(AuthorizedTools + """

        public static class Registration
        {
            public static McpServerTool[] Create()
            {
                var status = Microsoft.Extensions.AI.AIFunctionFactory.Create(AdminTools.Status);
                return
                [
                    McpServerTool.Create({|#0:Microsoft.Extensions.AI.AIFunctionFactory.Create(AdminTools.DropTable)|}),
                    McpServerTool.Create({|#1:status|}, new McpServerToolCreateOptions { Name = "status" }),
                ];
            }
        }
        """,
        Metadata.Diagnostic("AS1006").WithLocation(0).WithArguments("DropTable"),
        Metadata.Diagnostic("AS1006").WithLocation(1).WithArguments("Status"));

    [Fact]
    public Task MethodOrMetadataCarried_DoesNotTrigger() => Metadata.VerifyAsync(AuthorizedTools + """

        public static class Registration
        {
            public static McpServerTool[] Create(McpServerToolCreateOptions options) =>
            [
                McpServerTool.Create(AdminTools.DropTable),
                McpServerTool.Create(Microsoft.Extensions.AI.AIFunctionFactory.Create(AdminTools.DropTable), options),
                McpServerTool.Create(
                    Microsoft.Extensions.AI.AIFunctionFactory.Create(AdminTools.DropTable),
                    new McpServerToolCreateOptions { Metadata = [new AuthorizeAttribute()] }),
            ];
        }
        """);

    [Fact]
    public Task ServerWithoutFilters_Triggers() => Filters.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class AdminTools
        {
            [McpServerTool(Name = "drop_table"), Authorize(Roles = "dba")]
            public static string {|#0:DropTable|}(string table) => table;

            [McpServerTool]
            public static string Status() => "ok";
        }

        public static class Startup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddMcpServer().WithTools<AdminToolsHolder>();
        }

        [McpServerToolType]
        public sealed class AdminToolsHolder
        {
        }
        """,
        Filters.Diagnostic("AS1007").WithLocation(0).WithArguments("drop_table"));

    [Fact]
    public Task ServerWithFilters_DoesNotTrigger() => Filters.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class AdminTools
        {
            [McpServerTool, Authorize]
            public static string DropTable(string table) => table;
        }

        public static class Startup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddMcpServer().AddAuthorizationFilters();

            // Stands in for ModelContextProtocol.AspNetCore's extension, which the rule finds by name.
            private static IMcpServerBuilder AddAuthorizationFilters(this IMcpServerBuilder builder) => builder;
        }
        """);

    [Fact]
    public Task ToolLibraryWithoutServer_DoesNotTrigger() => Filters.VerifyAsync(AuthorizedTools);
}

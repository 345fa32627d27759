using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.McpFunctionLosesAuthorizationAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.CreateMcpToolFromMethodFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class CreateMcpToolFromMethodFixerTests
{
    [Fact]
    public Task FunctionsFromAuthorizedMethods_BecomeMethodGroups() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        public static class AdminTools
        {
            [McpServerTool, Authorize(Roles = "dba")]
            public static string DropTable(string table) => table;

            [McpServerTool, Authorize]
            public static string Vacuum() => "ok";

            public static McpServerTool[] Create() =>
            [
                McpServerTool.Create([|AIFunctionFactory.Create(DropTable)|]),
                McpServerTool.Create([|AIFunctionFactory.Create(Vacuum)|], new() { Name = "vacuum" }),
            ];
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        public static class AdminTools
        {
            [McpServerTool, Authorize(Roles = "dba")]
            public static string DropTable(string table) => table;

            [McpServerTool, Authorize]
            public static string Vacuum() => "ok";

            public static McpServerTool[] Create() =>
            [
                McpServerTool.Create(DropTable),
                McpServerTool.Create(Vacuum, new() { Name = "vacuum" }),
            ];
        }
        """, CreateMcpToolFromMethodFixer.EquivalenceKey);

    [Fact]
    public Task NamedFunctionOrLocal_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        public static class AdminTools
        {
            [McpServerTool, Authorize]
            public static string DropTable(string table) => table;

            public static McpServerTool[] Create()
            {
                var drop = AIFunctionFactory.Create(DropTable);
                return
                [
                    McpServerTool.Create([|AIFunctionFactory.Create(DropTable, name: "drop")|]),
                    McpServerTool.Create([|drop|]),
                ];
            }
        }
        """, CreateMcpToolFromMethodFixer.EquivalenceKey);
}

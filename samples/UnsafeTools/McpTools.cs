using AgentSafety;
using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;

namespace UnsafeTools;

/// <summary>MCP server tools.</summary>
[McpServerToolType]
public static class AdminTools
{
    [McpServerTool(Name = "drop_table")]
    public static string DropTable(string table) => $"dropped {table}";              // AS1001

    [McpServerTool(Name = "restart_service"), Authorize(Roles = "operator")]
    public static string RestartService(string service) => $"restarted {service}";
}

/// <summary>MCP tools every caller may use, declared on the type.</summary>
[McpServerToolType, AllowAnonymous]
public static class StatusTools
{
    [McpServerTool]
    public static string Status() => "ok";
}

/// <summary>MCP tools declared public through AgentSafety.</summary>
[McpServerToolType]
[PublicTool("Reports the version, which is public")]
public static class VersionTools
{
    [McpServerTool]
    public static string Version() => "1.0";
}

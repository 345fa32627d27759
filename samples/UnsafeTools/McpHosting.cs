using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace UnsafeTools;

/// <summary>An MCP server set up without the authorization filters its [Authorize] tools need.</summary>
public static class McpHosting
{
    public static IServiceCollection AddUnsafeMcpServer(this IServiceCollection services)
    {
        services.AddMcpServer().WithTools([
            McpServerTool.Create(AIFunctionFactory.Create(AdminTools.RestartService)),                // AS1006
        ]);
        return services;
    }
}

using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>
/// Finds the signed-in user for a tool call. Implementations read what the host set (an ambient scope, the HTTP
/// context, the MCP request, <see cref="AIFunctionArguments.Context"/>) and must never read the model's arguments.
/// </summary>
public interface IToolPrincipalAccessor
{
    /// <summary>Returns the signed-in user, or <see langword="null"/> when there is none.</summary>
    /// <param name="arguments">The call's arguments; only their <c>Context</c> and <c>Services</c> may be read.</param>
    ToolPrincipal? GetPrincipal(AIFunctionArguments arguments);
}

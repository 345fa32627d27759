using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>
/// Looks for the signed-in user first in <see cref="AIFunctionArguments.Context"/> under the key
/// <c>typeof(ToolPrincipal)</c>, then in the ambient <see cref="ToolPrincipalScope"/>.
/// </summary>
/// <remarks>
/// The model's arguments are a dictionary of its own making; a value named <c>user</c> or <c>principal</c> there is
/// ignored on purpose, so a forged argument cannot change who is acting.
/// </remarks>
public sealed class DefaultToolPrincipalAccessor : IToolPrincipalAccessor
{
    /// <inheritdoc/>
    public ToolPrincipal? GetPrincipal(AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Context is { } context
            && context.TryGetValue(typeof(ToolPrincipal), out var fromContext)
            && fromContext is ToolPrincipal principal)
        {
            return principal;
        }

        return ToolPrincipalScope.Current;
    }
}

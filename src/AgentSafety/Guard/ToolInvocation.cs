using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>One call of a guarded tool, as the guard sees it.</summary>
/// <param name="Requirements">The tool's requirements.</param>
/// <param name="Arguments">
/// The raw call; the guard reads only its <c>Context</c> and <c>Services</c>, never the model's values for identity.
/// </param>
/// <param name="BoundArguments">
/// The model's arguments after binding to the tool's parameter types: the exact values the tool will receive, which
/// relationship checks and binding messages use.
/// </param>
public sealed record ToolInvocation(
    ToolRequirements Requirements,
    AIFunctionArguments Arguments,
    IReadOnlyDictionary<string, object?> BoundArguments);

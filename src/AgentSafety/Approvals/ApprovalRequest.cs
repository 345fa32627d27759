namespace AgentSafety;

/// <summary>A request for a person to approve one tool call.</summary>
/// <param name="Principal">The user who must approve; approval goes to their own device.</param>
/// <param name="ToolName">The tool that wants to run.</param>
/// <param name="BindingMessage">
/// The text shown on the approving device, already rendered from the call's arguments and sanitised.
/// </param>
public sealed record ApprovalRequest(ToolPrincipal Principal, string ToolName, string BindingMessage);

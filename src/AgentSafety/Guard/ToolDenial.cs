using System.Text.Json.Serialization;

namespace AgentSafety;

/// <summary>
/// What a guarded tool returns to the model instead of running: a short, user-readable reason. It carries no stack
/// trace, token or secret.
/// </summary>
/// <param name="Tool">The tool that was denied.</param>
/// <param name="Reason">Why.</param>
public sealed record ToolDenial(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>Always <see langword="true"/>, so the model can tell a denial from a result.</summary>
    [JsonPropertyName("denied")]
    public bool Denied => true;

    /// <summary>The text the model reads.</summary>
    public override string ToString() => $"Denied: {Reason}";
}

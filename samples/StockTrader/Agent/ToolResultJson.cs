using System.Text.Json;
using Microsoft.Extensions.AI;

namespace StockTrader.Agent;

/// <summary>A tool result as the model reads it: compact JSON, and whether the guard denied the call.</summary>
public readonly record struct ToolResultJson(JsonElement Json, string? DenialReason)
{
    private static readonly JsonSerializerOptions s_compact =
        new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public bool IsDenied => DenialReason is not null;

    public static ToolResultJson From(FunctionResultContent result)
    {
        var json = JsonSerializer.SerializeToElement(result.Result, s_compact);
        var denied = json.ValueKind == JsonValueKind.Object
            && json.TryGetProperty("denied", out var flag) && flag.ValueKind == JsonValueKind.True;
        return new ToolResultJson(json, denied ? json.GetProperty("reason").GetString() ?? "" : null);
    }
}

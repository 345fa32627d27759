using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>Builds the JSON schemas of generated guarded tools.</summary>
public static class ToolSchemas
{
    /// <summary>Parses a schema the generator computed at compile time.</summary>
    public static JsonElement Parse(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Completes a compile-time schema with the parameters whose schema depends on run-time serializer settings
    /// (the user's own classes and records), computed the way <c>AIFunctionFactory</c> computes them.
    /// </summary>
    public static JsonElement Complete(string schema, params RuntimeParameterSchema[] parameters)
    {
        var root = JsonNode.Parse(schema)!.AsObject();
        var properties = root["properties"]!.AsObject();
        foreach (var parameter in parameters)
        {
            var element = AIJsonUtilities.CreateJsonSchema(
                parameter.Type,
                parameter.Description,
                parameter.HasDefaultValue,
                parameter.DefaultValue,
                AIJsonUtilities.DefaultOptions);
            properties[parameter.Name] = JsonNode.Parse(element.GetRawText());
        }

        return JsonSerializer.SerializeToElement(root, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonNode)));
    }
}

/// <summary>A parameter whose schema is computed when the program starts.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">The parameter type.</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="HasDefaultValue">Whether it is optional.</param>
/// <param name="DefaultValue">Its default value.</param>
public sealed record RuntimeParameterSchema(
    string Name,
    Type Type,
    string? Description,
    bool HasDefaultValue,
    object? DefaultValue);

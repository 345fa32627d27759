using System.Text.Json.Nodes;

namespace AgentSafety.OpenFga.Tests.Client;

/// <summary>
/// Checks JSON bodies against OpenFGA's Swagger 2.0 description: the operation must exist for the method and path,
/// every property must be declared, required properties present, and values of the declared JSON type and enum.
/// </summary>
internal sealed class OpenApiDescription
{
    private readonly JsonObject _root;

    private OpenApiDescription(JsonObject root) => _root = root;

    public static OpenApiDescription Load() => new((JsonObject)JsonNode.Parse(
        File.ReadAllText(SharedData.PathOf("conformance", "openfga-api", "apidocs.swagger.json")))!);

    /// <summary>Finds the operation for a request; returns its id and the path template, or null.</summary>
    public (string OperationId, JsonObject Operation)? FindOperation(string method, string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0].TrimEnd('/');
        var segments = path.Trim('/').Split('/');
        foreach (var (template, node) in _root["paths"]!.AsObject())
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length != segments.Length)
                continue;
            var matches = parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second);
            if (matches && node![method.ToLowerInvariant()] is JsonObject operation)
                return (operation["operationId"]!.GetValue<string>(), operation);
        }

        return null;
    }

    /// <summary>Problems of a request body for <paramref name="operation"/>; empty when it conforms.</summary>
    public List<string> CheckRequest(JsonObject operation, string? body)
    {
        var parameter = operation["parameters"]?.AsArray()
            .FirstOrDefault(p => p!["in"]!.GetValue<string>() == "body");
        var problems = new List<string>();
        if (parameter is null)
        {
            if (!string.IsNullOrEmpty(body))
                problems.Add("the operation takes no body but one was sent");
            return problems;
        }

        if (string.IsNullOrEmpty(body))
        {
            problems.Add("the operation needs a body");
            return problems;
        }

        Check(parameter["schema"]!.AsObject(), JsonNode.Parse(body), "body", problems);
        return problems;
    }

    /// <summary>Problems of a response body for <paramref name="operation"/> and <paramref name="status"/>.</summary>
    public List<string> CheckResponse(JsonObject operation, int status, string? body)
    {
        var problems = new List<string>();
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            problems.Add($"status {status} is not described");
            return problems;
        }

        if (response["schema"] is JsonObject schema && body is not null)
            Check(schema, JsonNode.Parse(body), "response", problems);
        return problems;
    }

    private void Check(JsonObject schema, JsonNode? value, string path, List<string> problems)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            Check(_root["definitions"]![name]!.AsObject(), value, path, problems);
            return;
        }

        if (value is null)
        {
            problems.Add($"{path}: null where a value is expected");
            return;
        }

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case "object":
                CheckObject(schema, value, path, problems);
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                    Check(schema["items"]!.AsObject(), array[i], $"{path}[{i}]", problems);
                break;
            case "string":
                if (value is not JsonValue text || !text.TryGetValue<string>(out var s))
                    problems.Add($"{path}: expected a string");
                else if (schema["enum"] is JsonArray options && options.All(o => o!.GetValue<string>() != s))
                    problems.Add($"{path}: '{s}' is not one of the allowed values");
                break;
            case "boolean":
                if (value is not JsonValue flag || !flag.TryGetValue<bool>(out _))
                    problems.Add($"{path}: expected a boolean");
                break;
            case "integer":
                if (value is not JsonValue integer || !integer.TryGetValue<long>(out _))
                    problems.Add($"{path}: expected an integer");
                break;
            case "number":
                if (value is not JsonValue number || !number.TryGetValue<double>(out _))
                    problems.Add($"{path}: expected a number");
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonNode value, string path, List<string> problems)
    {
        if (value is not JsonObject obj)
        {
            problems.Add($"{path}: expected an object");
            return;
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!obj.ContainsKey(required!.GetValue<string>()))
                problems.Add($"{path}: required property '{required}' is missing");
        }

        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject propertySchema)
                Check(propertySchema, child, $"{path}.{name}", problems);
            else if (schema["additionalProperties"] is JsonObject additional)
                Check(additional, child, $"{path}.{name}", problems);
            else if (properties is not null)
                problems.Add($"{path}: property '{name}' is not in the description");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentSafety.OpenFga.Client;

// The wire shapes of OpenFGA's HTTP API (apidocs.swagger.json). Property names are snake_case except inside
// authorization models, which keep the API's own camelCase rewrite names and are carried as JSON nodes.

internal sealed record ApiTupleKey(string User, string Relation, string Object, ApiCondition? Condition = null);

internal sealed record ApiTupleKeyWithoutCondition(string User, string Relation, string Object);

internal sealed record ApiReadTupleKey(string? User, string? Relation, string? Object);

internal sealed record ApiCondition(string Name, Dictionary<string, object?>? Context = null);

internal sealed record ApiContextualTuples(List<ApiTupleKey> TupleKeys);

internal sealed record ApiCheckTupleKey(string User, string Relation, string Object);

internal sealed record ApiCheckRequest(
    ApiCheckTupleKey TupleKey,
    ApiContextualTuples? ContextualTuples,
    string? AuthorizationModelId,
    Dictionary<string, object?>? Context,
    string? Consistency);

internal sealed record ApiCheckResponse(bool Allowed, string? Resolution);

internal sealed record ApiBatchCheckItem(
    ApiCheckTupleKey TupleKey,
    ApiContextualTuples? ContextualTuples,
    Dictionary<string, object?>? Context,
    string CorrelationId);

internal sealed record ApiBatchCheckRequest(List<ApiBatchCheckItem> Checks, string? AuthorizationModelId,
    string? Consistency);

internal sealed record ApiCheckError(string? InputError, string? InternalError, string? Message);

internal sealed record ApiBatchCheckSingleResult(bool Allowed, ApiCheckError? Error);

internal sealed record ApiBatchCheckResponse(Dictionary<string, ApiBatchCheckSingleResult>? Result);

internal sealed record ApiListObjectsRequest(
    string? AuthorizationModelId,
    string Type,
    string Relation,
    string User,
    ApiContextualTuples? ContextualTuples,
    Dictionary<string, object?>? Context,
    string? Consistency);

internal sealed record ApiListObjectsResponse(List<string>? Objects);

internal sealed record ApiWriteTuples(List<ApiTupleKey> TupleKeys);

internal sealed record ApiDeleteTuples(List<ApiTupleKeyWithoutCondition> TupleKeys);

internal sealed record ApiWriteRequest(ApiWriteTuples? Writes, ApiDeleteTuples? Deletes, string? AuthorizationModelId);

internal sealed record ApiReadRequest(ApiReadTupleKey? TupleKey, int? PageSize, string? ContinuationToken,
    string? Consistency);

internal sealed record ApiTuple(ApiTupleKey Key, DateTimeOffset Timestamp);

internal sealed record ApiReadResponse(List<ApiTuple>? Tuples, string? ContinuationToken);

internal sealed record ApiWriteModelResponse(string AuthorizationModelId);

internal sealed record ApiReadModelResponse(JsonObject? AuthorizationModel);

internal sealed record ApiReadModelsResponse(List<JsonObject>? AuthorizationModels, string? ContinuationToken);

internal sealed record ApiCreateStoreRequest(string Name);

internal sealed record ApiStore(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt = null);

internal sealed record ApiListStoresResponse(List<ApiStore>? Stores, string? ContinuationToken);

internal sealed record ApiErrorResponse(string? Code, string? Message);

internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Turns JSON values (from a request or a response) into the plain values conditions take.</summary>
    public static object? ToPlainValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlainValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlainValue(p.Value)),
        _ => null,
    };

    public static Dictionary<string, object?>? ToPlainMap(Dictionary<string, object?>? map) =>
        map?.ToDictionary(p => p.Key, p => p.Value is JsonElement element ? ToPlainValue(element) : p.Value);
}

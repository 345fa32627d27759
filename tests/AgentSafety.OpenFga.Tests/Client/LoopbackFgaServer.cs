using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OpenFga.Tests.Client;

/// <summary>One HTTP exchange the server saw, kept for the OpenAPI checks.</summary>
internal sealed record RecordedExchange(string Method, string Path, string? RequestBody, int Status,
    string? ResponseBody, string? Authorization);

/// <summary>
/// A small OpenFGA-compatible HTTP server on 127.0.0.1 that answers from the embedded evaluator. Tests queue faults
/// (status codes with <c>Retry-After</c>, or delays) that are served before real answers, and read back every
/// exchange.
/// </summary>
internal sealed class LoopbackFgaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StoreState> _stores = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private int _nextId;

    private LoopbackFgaServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedExchange> Exchanges { get; } = new();

    /// <summary>When set, every API request must carry this bearer token.</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>The client id and secret the token endpoint accepts.</summary>
    public (string Id, string Secret)? TokenClient { get; set; }

    public int TokenRequests;

    public static async Task<LoopbackFgaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackFgaServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void EnqueueFault(int status, string? retryAfter = null) =>
        _faults.Enqueue(new Fault(status, retryAfter, null));

    public void EnqueueDelay(TimeSpan delay) => _faults.Enqueue(new Fault(200, null, delay));

    /// <summary>Creates a store with a model and tuples directly, as test set-up.</summary>
    public (string StoreId, string ModelId) Seed(string dsl, params RelationshipTuple[] tuples)
    {
        var store = NewStore("seeded");
        var modelId = store.AddModel(DslParser.Parse(dsl), NewId());
        foreach (var tuple in tuples)
            store.Tuples.Add((tuple, DateTimeOffset.UtcNow));
        return (store.Id, modelId);
    }

    public string AddModel(string storeId, string dsl) => _stores[storeId].AddModel(DslParser.Parse(dsl), NewId());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string NewId() => Interlocked.Increment(ref _nextId).ToString("D26", CultureInfo.InvariantCulture);

    private StoreState NewStore(string name)
    {
        var store = new StoreState(NewId(), name, DateTimeOffset.UtcNow);
        _stores[store.Id] = store;
        return store;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();

        var (status, response, retryAfter) = await AnswerAsync(request, body, context.RequestAborted);
        Exchanges.Enqueue(new RecordedExchange(request.Method, request.Path + request.QueryString, body, status,
            response?.ToJsonString(), request.Headers.Authorization.ToString()));

        context.Response.StatusCode = status;
        if (retryAfter is not null)
            context.Response.Headers.RetryAfter = retryAfter;
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private async Task<(int Status, JsonNode? Body, string? RetryAfter)> AnswerAsync(HttpRequest request,
        string? body, CancellationToken aborted)
    {
        if (request.Path == "/oauth/token")
            return AnswerToken(request, body);

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Delay is { } delay)
                await Task.Delay(delay, aborted);
            else
                return (fault.Status, Error(fault.Status == 429 ? "rate_limit_exceeded" : "internal_error",
                    "injected fault"), fault.RetryAfter);
        }

        if (RequiredBearerToken is not null && request.Headers.Authorization != "Bearer " + RequiredBearerToken)
            return (401, Error("unauthenticated", "missing or wrong bearer token"), null);

        try
        {
            return Route(request, body is null ? null : JsonNode.Parse(body));
        }
        catch (FgaException ex)
        {
            return (400, Error(FgaErrorCodes.ToApiName(ex.Code), ex.Message), null);
        }
        catch (KeyNotFoundException ex)
        {
            return (404, Error("store_id_not_found", ex.Message), null);
        }
    }

    private (int, JsonNode?, string?) AnswerToken(HttpRequest request, string? body)
    {
        Interlocked.Increment(ref TokenRequests);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body ?? "");
        if (TokenClient is not { } client || form["grant_type"] != "client_credentials"
            || form["client_id"] != client.Id || form["client_secret"] != client.Secret)
            return (401, new JsonObject { ["error"] = "invalid_client" }, null);
        return (200, new JsonObject { ["access_token"] = RequiredBearerToken, ["expires_in"] = 3600 }, null);
    }

    private (int, JsonNode?, string?) Route(HttpRequest request, JsonNode? body)
    {
        var segments = request.Path.Value!.Trim('/').Split('/');
        var method = request.Method;
        if (segments is ["stores"])
            return method == "POST" ? CreateStore(body!) : ListStores();
        if (segments.Length < 3 || segments[0] != "stores")
            return (404, Error("undefined_endpoint", "no such endpoint"), null);

        var store = _stores.TryGetValue(segments[1], out var found)
            ? found
            : throw new KeyNotFoundException($"store '{segments[1]}' not found");
        return (method, segments[2], segments.Length) switch
        {
            ("POST", "check", 3) => Ok(new JsonObject
            {
                ["allowed"] = Evaluator(store, body).Check(CheckRequest(body!)),
                ["resolution"] = "",
            }),
            ("POST", "batch-check", 3) => Ok(BatchCheck(store, body!)),
            ("POST", "list-objects", 3) => Ok(new JsonObject
            {
                ["objects"] = new JsonArray(Evaluator(store, body).ListObjects(new FgaListObjectsRequest(
                    Text(body!, "user"), Text(body!, "relation"), Text(body!, "type"),
                    ContextualTuples(body!), Context(body!))).Select(o => (JsonNode)o!).ToArray()),
            }),
            ("POST", "write", 3) => Write(store, body!),
            ("POST", "read", 3) => Ok(Read(store, body)),
            ("POST", "authorization-models", 3) => (201, new JsonObject
            {
                ["authorization_model_id"] = store.AddModel(ReadModel(body!.AsObject()), NewId()),
            }, null),
            ("GET", "authorization-models", 3) => Ok(new JsonObject
            {
                ["authorization_models"] = new JsonArray(store.Models.AsEnumerable().Reverse()
                    .Select(m => (JsonNode)WithId(m.Model, m.Id)).ToArray()),
                ["continuation_token"] = "",
            }),
            ("GET", "authorization-models", 4) => store.Models.FirstOrDefault(m => m.Id == segments[3]) is { } m
                ? Ok(new JsonObject { ["authorization_model"] = WithId(m.Model, m.Id) })
                : (404, Error("authorization_model_not_found", "no such model"), null),
            _ => (404, Error("undefined_endpoint", "no such endpoint"), null),
        };
    }

    private static (int, JsonNode?, string?) Ok(JsonNode body) => (200, body, null);

    private (int, JsonNode?, string?) CreateStore(JsonNode body)
    {
        var store = NewStore(Text(body, "name"));
        return (201, StoreJson(store), null);
    }

    private (int, JsonNode?, string?) ListStores() => Ok(new JsonObject
    {
        ["stores"] = new JsonArray(_stores.Values.OrderBy(s => s.Id).Select(s => (JsonNode)StoreJson(s)).ToArray()),
        ["continuation_token"] = "",
    });

    private static JsonObject StoreJson(StoreState store) => new()
    {
        ["id"] = store.Id,
        ["name"] = store.Name,
        ["created_at"] = store.Created.ToString("O", CultureInfo.InvariantCulture),
        ["updated_at"] = store.Created.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject WithId(AuthorizationModel model, string id)
    {
        var node = AuthorizationModelJson.ToNode(model);
        node["id"] = id;
        return node;
    }

    private static AuthorizationModel ReadModel(JsonObject body)
    {
        var model = AuthorizationModelJson.FromNode(body);
        ModelValidator.ThrowIfInvalid(model);
        return model;
    }

    private static EmbeddedFgaEvaluator Evaluator(StoreState store, JsonNode? body)
    {
        var pinned = body?["authorization_model_id"]?.GetValue<string>();
        var model = pinned is null
            ? store.Models.LastOrDefault().Model
            : store.Models.FirstOrDefault(m => m.Id == pinned).Model;
        if (model is null)
            throw new FgaException(FgaErrorCode.AuthorizationModelNotFound,
                pinned is null ? "the store has no model" : $"model '{pinned}' not found");
        return new EmbeddedFgaEvaluator(model, store.Tuples.Select(t => t.Tuple),
            new EmbeddedFgaOptions { IgnoreInvalidTuples = true });
    }

    private static FgaCheckRequest CheckRequest(JsonNode body)
    {
        var key = body["tuple_key"]!;
        return new FgaCheckRequest(Text(key, "user"), Text(key, "relation"), Text(key, "object"),
            ContextualTuples(body), Context(body));
    }

    private static JsonObject BatchCheck(StoreState store, JsonNode body)
    {
        var evaluator = Evaluator(store, body);
        var result = new JsonObject();
        foreach (var item in body["checks"]!.AsArray())
        {
            var id = Text(item!, "correlation_id");
            try
            {
                result[id] = new JsonObject { ["allowed"] = evaluator.Check(CheckRequest(item!)) };
            }
            catch (FgaException ex)
            {
                result[id] = new JsonObject
                {
                    ["allowed"] = false,
                    ["error"] = new JsonObject
                    {
                        ["input_error"] = FgaErrorCodes.ToApiName(ex.Code),
                        ["message"] = ex.Message,
                    },
                };
            }
        }

        return new JsonObject { ["result"] = result };
    }

    private static (int, JsonNode?, string?) Write(StoreState store, JsonNode body)
    {
        var model = store.Models.LastOrDefault().Model
            ?? throw new FgaException(FgaErrorCode.AuthorizationModelNotFound, "the store has no model");
        var writes = (body["writes"]?["tuple_keys"]?.AsArray() ?? []).Select(n => ReadTuple(n!)).ToList();
        var deletes = (body["deletes"]?["tuple_keys"]?.AsArray() ?? []).Select(n => ReadTuple(n!)).ToList();
        lock (store)
        {
            foreach (var tuple in writes)
            {
                // Validates the tuple against the model the same way the evaluator does.
                _ = new EmbeddedFgaEvaluator(model, [tuple]);
                if (store.Tuples.Any(t => SameKey(t.Tuple, tuple)))
                    throw new FgaException(FgaErrorCode.ValidationError, $"tuple '{tuple}' already exists");
            }

            foreach (var tuple in deletes)
            {
                if (store.Tuples.RemoveAll(t => SameKey(t.Tuple, tuple)) == 0)
                    throw new FgaException(FgaErrorCode.ValidationError, $"tuple '{tuple}' does not exist");
            }

            store.Tuples.AddRange(writes.Select(t => (t, DateTimeOffset.UtcNow)));
        }

        return Ok(new JsonObject());
    }

    private static JsonObject Read(StoreState store, JsonNode? body)
    {
        var filter = body?["tuple_key"];
        var user = filter?["user"]?.GetValue<string>();
        var relation = filter?["relation"]?.GetValue<string>();
        var obj = filter?["object"]?.GetValue<string>();
        var tuples = new JsonArray();
        lock (store)
        {
            foreach (var (tuple, time) in store.Tuples)
            {
                if ((user is null || tuple.User == user) && (relation is null || tuple.Relation == relation)
                    && (obj is null || tuple.Object == obj || (obj.EndsWith(':') && tuple.Object.StartsWith(obj))))
                {
                    var key = new JsonObject
                    {
                        ["user"] = tuple.User, ["relation"] = tuple.Relation, ["object"] = tuple.Object,
                    };
                    if (tuple.Condition is { } condition)
                        key["condition"] = new JsonObject
                        {
                            ["name"] = condition.Name,
                            ["context"] = JsonSerializer.SerializeToNode(
                                condition.Context ?? new Dictionary<string, object?>()),
                        };
                    tuples.Add(new JsonObject
                    {
                        ["key"] = key, ["timestamp"] = time.ToString("O", CultureInfo.InvariantCulture),
                    });
                }
            }
        }

        return new JsonObject { ["tuples"] = tuples, ["continuation_token"] = "" };
    }

    private static bool SameKey(RelationshipTuple a, RelationshipTuple b) =>
        a.User == b.User && a.Relation == b.Relation && a.Object == b.Object;

    private static IReadOnlyList<RelationshipTuple>? ContextualTuples(JsonNode body) =>
        body["contextual_tuples"]?["tuple_keys"]?.AsArray().Select(n => ReadTuple(n!)).ToList();

    private static IReadOnlyDictionary<string, object?>? Context(JsonNode body) =>
        body["context"] is JsonObject context ? ToPlain(context) : null;

    private static Dictionary<string, object?> ToPlain(JsonObject node) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(node.ToJsonString())!
            .ToDictionary(p => p.Key, p => Plain(p.Value));

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        _ => null,
    };

    private static RelationshipTuple ReadTuple(JsonNode node) => new(Text(node, "user"), Text(node, "relation"),
        Text(node, "object"), node["condition"] is JsonObject condition
            ? new TupleCondition(Text(condition, "name"),
                condition["context"] is JsonObject context ? ToPlain(context) : null)
            : null);

    private static string Text(JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new FgaException(FgaErrorCode.ValidationError, $"'{name}' is required");

    private static JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private sealed record Fault(int Status, string? RetryAfter, TimeSpan? Delay);

    private sealed class StoreState(string id, string name, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public DateTimeOffset Created { get; } = created;

        public List<(string Id, AuthorizationModel Model)> Models { get; } = [];

        public List<(RelationshipTuple Tuple, DateTimeOffset Time)> Tuples { get; } = [];

        public string AddModel(AuthorizationModel model, string id)
        {
            lock (this)
                Models.Add((id, model));
            return id;
        }
    }
}

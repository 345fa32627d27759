using AgentSafety.OpenFga.Client;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tuples;
using Xunit.Abstractions;

namespace AgentSafety.OpenFga.Tests.Client;

/// <summary>Every request the client can send, and every answer the loopback server gives, is checked against
/// OpenFGA's OpenAPI description.</summary>
public sealed class OpenApiConformanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] ClientOperations =
    [
        "Check", "BatchCheck", "ListObjects", "Write", "Read", "WriteAuthorizationModel", "ReadAuthorizationModel",
        "ReadAuthorizationModels", "CreateStore", "ListStores",
    ];

    private LoopbackFgaServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackFgaServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryClientRequest_MatchesTheOpenApiDescription()
    {
        var (storeId, modelId) = _server.Seed(OpenFgaClientTests.Model);
        using var client = new OpenFgaClient(new OpenFgaClientOptions
        {
            ApiUrl = _server.BaseAddress,
            StoreId = storeId,
            AuthorizationModelId = modelId,
            Consistency = FgaConsistency.MinimizeLatency,
        });
        var context = new Dictionary<string, object?> { ["hour"] = 10, ["tags"] = new[] { "a", "b" } };
        var contextual = new[] { new RelationshipTuple("user:dana", "trader", "asset:OKTA") };
        var conditional = new RelationshipTuple("user:carl", "trader", "asset:NVDA",
            new TupleCondition("in_hours", new Dictionary<string, object?> { ["hour"] = 10 }));

        await client.WriteAsync([new RelationshipTuple("user:anne", "trader", "asset:OKTA"), conditional]);
        await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA", contextual, context));
        await client.BatchCheckAsync([
            new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA", contextual, context),
            new FgaCheckRequest("user:anne", "no_such_relation", "asset:OKTA"),
        ]);
        await client.ListObjectsAsync(new FgaListObjectsRequest("user:anne", "can_buy", "asset", contextual, context));
        await client.ReadAsync(new FgaTupleFilter(Object: "asset:"), pageSize: 10);
        await client.ReadAsync();
        await client.DeleteAsync([conditional]);
        var newModel = await client.WriteAuthorizationModelAsync(DslParser.Parse(OpenFgaClientTests.Model));
        await client.ReadAuthorizationModelAsync(newModel);
        await client.ReadAuthorizationModelsAsync(pageSize: 5);
        await client.CreateStoreAsync("another");
        await client.ListStoresAsync(pageSize: 5);
        await Assert.ThrowsAsync<FgaValidationException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "no_such_relation", "asset:OKTA")));

        var description = OpenApiDescription.Load();
        var problems = new List<string>();
        var seen = new HashSet<string>();
        foreach (var exchange in _server.Exchanges)
        {
            var operation = description.FindOperation(exchange.Method, exchange.Path);
            if (operation is not { } found)
            {
                problems.Add($"{exchange.Method} {exchange.Path}: no such operation");
                continue;
            }

            seen.Add(found.OperationId);
            output.WriteLine($"{found.OperationId}: {exchange.Method} {exchange.Path} -> {exchange.Status}");
            problems.AddRange(description.CheckRequest(found.Operation, exchange.RequestBody)
                .Select(p => $"{found.OperationId} request {p}"));
            problems.AddRange(description.CheckResponse(found.Operation, exchange.Status, exchange.ResponseBody)
                .Select(p => $"{found.OperationId} response {p}"));
        }

        foreach (var problem in problems)
            output.WriteLine("PROBLEM " + problem);
        Assert.Empty(problems);
        Assert.Equal(ClientOperations.Order(), seen.Order());
    }

    [Fact]
    public void Validator_RejectsARequestThatBreaksTheDescription()
    {
        var description = OpenApiDescription.Load();
        var check = description.FindOperation("POST", "/stores/01ABC/check")!.Value;

        var problems = description.CheckRequest(check.Operation,
            """{"tuple_key":{"user":"user:anne","relation":"r"},"consistency":"SOMETIMES","extra":1}""");

        Assert.Contains(problems, p => p.Contains("'object' is missing"));
        Assert.Contains(problems, p => p.Contains("'SOMETIMES' is not one of the allowed values"));
        Assert.Contains(problems, p => p.Contains("'extra' is not in the description"));
    }
}

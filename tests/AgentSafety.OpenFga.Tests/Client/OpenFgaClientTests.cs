using System.Net;
using AgentSafety.OpenFga.Client;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tuples;
using Microsoft.Extensions.DependencyInjection;

namespace AgentSafety.OpenFga.Tests.Client;

/// <summary>The HTTP client over real HTTP against <see cref="LoopbackFgaServer"/>.</summary>
public sealed class OpenFgaClientTests : IAsyncLifetime
{
    internal const string Model = """
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user]
        type asset
          relations
            define trader: [user, group#member, user with in_hours]
            define can_buy: trader
        condition in_hours(hour: int) {
          hour >= 9 && hour < 17
        }
        """;

    private LoopbackFgaServer _server = null!;
    private string _storeId = null!;
    private string _modelId = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackFgaServer.StartAsync();
        (_storeId, _modelId) = _server.Seed(Model,
            new RelationshipTuple("user:anne", "trader", "asset:OKTA"),
            new RelationshipTuple("group:eng#member", "trader", "asset:MSFT"),
            new RelationshipTuple("user:bob", "member", "group:eng"),
            new RelationshipTuple("user:carl", "trader", "asset:NVDA", new TupleCondition("in_hours")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenFgaClient CreateClient(Action<OpenFgaClientOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new OpenFgaClientOptions
        {
            ApiUrl = _server.BaseAddress,
            StoreId = _storeId,
            AuthorizationModelId = _modelId,
            MinRetryDelay = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        return new OpenFgaClient(options, timeProvider: time);
    }

    [Fact]
    public async Task Check_AnswersFromTheServer()
    {
        using var client = CreateClient();

        Assert.True(await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.True(await client.CheckAsync(new FgaCheckRequest("user:bob", "can_buy", "asset:MSFT")));
        Assert.False(await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:MSFT")));
    }

    [Fact]
    public async Task Check_SendsContextualTuplesAndContext()
    {
        using var client = CreateClient();

        var withContextual = await client.CheckAsync(new FgaCheckRequest("user:dana", "can_buy", "asset:OKTA",
            [new RelationshipTuple("user:dana", "trader", "asset:OKTA")]));
        var inHours = await client.CheckAsync(new FgaCheckRequest("user:carl", "can_buy", "asset:NVDA",
            Context: new Dictionary<string, object?> { ["hour"] = 10 }));
        var afterHours = await client.CheckAsync(new FgaCheckRequest("user:carl", "can_buy", "asset:NVDA",
            Context: new Dictionary<string, object?> { ["hour"] = 20 }));

        Assert.True(withContextual);
        Assert.True(inHours);
        Assert.False(afterHours);
    }

    [Fact]
    public async Task RelationshipChecker_SendsOneBatchCheckPerCall()
    {
        using var client = CreateClient();
        IRelationshipChecker checker = client;
        RelationshipCheck[] checks =
        [
            new("user:anne", "can_buy", "asset:OKTA"),
            new("user:anne", "can_buy", "asset:MSFT"),
            new("user:anne", "no_such_relation", "asset:OKTA"),
        ];

        var results = await checker.CheckAsync(checks);

        Assert.Equal([true, false, false], results.Select(r => r.Allowed));
        Assert.Equal(checks, results.Select(r => r.Check));
        Assert.Null(results[1].Error);
        Assert.Contains("validation_error", results[2].Error);
        var exchange = Assert.Single(_server.Exchanges);
        Assert.EndsWith("/batch-check", exchange.Path);
    }

    [Fact]
    public async Task ListObjects_ReturnsTheObjects()
    {
        using var client = CreateClient();

        var objects = await client.ListObjectsAsync(new FgaListObjectsRequest("user:bob", "can_buy", "asset"));

        Assert.Equal(["asset:MSFT"], objects);
    }

    [Fact]
    public async Task WriteReadDelete_RoundTripsTuples()
    {
        using var client = CreateClient();
        var tuple = new RelationshipTuple("user:erin", "trader", "asset:AMD",
            new TupleCondition("in_hours", new Dictionary<string, object?> { ["hour"] = 11L }));

        await client.WriteAsync([tuple]);
        var afterWrite = await client.ReadAsync(new FgaTupleFilter(Object: "asset:AMD"));
        await client.DeleteAsync([tuple]);
        var afterDelete = await client.ReadAsync(new FgaTupleFilter(Object: "asset:AMD"));

        var read = Assert.Single(afterWrite.Tuples);
        Assert.Equal(("user:erin", "trader", "asset:AMD"), (read.User, read.Relation, read.Object));
        Assert.Equal("in_hours", read.Condition?.Name);
        Assert.Equal(11L, read.Condition?.Context?["hour"]);
        Assert.Empty(afterDelete.Tuples);
    }

    [Fact]
    public async Task WriteOfTupleOutsideTheModel_ThrowsValidationExceptionWithOpenFgaCode()
    {
        using var client = CreateClient();

        var error = await Assert.ThrowsAsync<FgaValidationException>(() =>
            client.WriteAsync([new RelationshipTuple("group:eng", "trader", "asset:AMD")]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(FgaErrorCode.InvalidTuple, error.Code);
        Assert.Equal("invalid_tuple", error.ApiErrorCode);
    }

    [Fact]
    public async Task UnknownStore_ThrowsNotFound()
    {
        using var client = CreateClient(o => o.StoreId = "01NOSUCHSTORE");

        var error = await Assert.ThrowsAsync<FgaNotFoundException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));

        Assert.Equal(FgaErrorCode.StoreIdNotFound, error.Code);
    }

    [Fact]
    public async Task Models_WriteReadAndList()
    {
        using var client = CreateClient();
        var model = DslParser.Parse("""
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user]
            """);

        var id = await client.WriteAuthorizationModelAsync(model);
        var read = await client.ReadAuthorizationModelAsync(id);
        var page = await client.ReadAuthorizationModelsAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal(AuthorizationModelJsonText(model), AuthorizationModelJsonText(read));
        Assert.Equal([id, _modelId], page.Models.Select(m => m.Id));
    }

    [Fact]
    public async Task PinnedModel_KeepsAnsweringFromItAfterANewModelIsWritten()
    {
        _server.AddModel(_storeId, """
            model
              schema 1.1
            type user
            type asset
              relations
                define trader: [user]
                define can_buy: [user]
            """);
        using var pinned = CreateClient();
        using var latest = CreateClient(o => o.AuthorizationModelId = null);

        Assert.True(await pinned.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.False(await latest.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.Contains(_modelId, _server.Exchanges.First().RequestBody);
    }

    [Fact]
    public async Task Consistency_IsSentWithQueries()
    {
        using var client = CreateClient(o => o.Consistency = FgaConsistency.HigherConsistency);

        await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA"));

        Assert.Contains("\"consistency\":\"HIGHER_CONSISTENCY\"", Assert.Single(_server.Exchanges).RequestBody);
    }

    [Fact]
    public async Task Stores_CreateAndList()
    {
        using var client = CreateClient();

        var store = await client.CreateStoreAsync("trading");
        var page = await client.ListStoresAsync();

        Assert.Equal("trading", store.Name);
        Assert.Contains(page.Stores, s => s.Id == store.Id && s.Name == "trading");
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterTheRetryAfterDelay()
    {
        var time = new RecordingTimeProvider();
        using var client = CreateClient(time: time);
        _server.EnqueueFault(429, retryAfter: "2");
        _server.EnqueueFault(503);

        var allowed = await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA"));

        Assert.True(allowed);
        Assert.Equal([429, 503, 200], _server.Exchanges.Select(e => e.Status));
        Assert.Equal(TimeSpan.FromSeconds(2), time.RequestedDelays.First());
    }

    [Fact]
    public async Task RetryAfterLongerThanTheCap_IsCapped()
    {
        var time = new RecordingTimeProvider();
        using var client = CreateClient(o => o.MaxRetryDelay = TimeSpan.FromSeconds(3), time);
        _server.EnqueueFault(429, retryAfter: "120");

        await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA"));

        Assert.Equal(TimeSpan.FromSeconds(3), time.RequestedDelays.First());
    }

    [Fact]
    public async Task PersistentServerErrors_ThrowAfterTheLastRetry()
    {
        using var client = CreateClient(o => o.MaxRetries = 2, new RecordingTimeProvider());
        for (var i = 0; i < 3; i++)
            _server.EnqueueFault(500);

        var error = await Assert.ThrowsAsync<FgaServerException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(FgaErrorCode.InternalError, error.Code);
        Assert.Equal(3, _server.Exchanges.Count);
    }

    [Fact]
    public async Task PersistentRateLimit_ThrowsRateLimitExceeded()
    {
        using var client = CreateClient(o => o.MaxRetries = 1, new RecordingTimeProvider());
        _server.EnqueueFault(429, "0");
        _server.EnqueueFault(429, "0");

        await Assert.ThrowsAsync<FgaRateLimitExceededException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public async Task ClientErrors_AreNotRetried()
    {
        using var client = CreateClient();

        await Assert.ThrowsAsync<FgaValidationException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "no_such_relation", "asset:OKTA")));

        Assert.Single(_server.Exchanges);
    }

    [Fact]
    public async Task SlowServer_FailsWithTimeout()
    {
        using var client = CreateClient(o => o.Timeout = TimeSpan.FromMilliseconds(200));
        _server.EnqueueDelay(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<FgaTimeoutException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));

        Assert.Equal(FgaErrorCode.DeadlineExceeded, error.Code);
    }

    [Fact]
    public async Task ApiToken_IsSentAsBearer()
    {
        _server.RequiredBearerToken = "token-123";
        using var client = CreateClient(o => o.Credentials = FgaCredentials.ApiToken("token-123"));
        using var anonymous = CreateClient();

        Assert.True(await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        await Assert.ThrowsAsync<FgaAuthenticationException>(() =>
            anonymous.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public async Task ClientCredentials_FetchesOneTokenAndReusesIt()
    {
        _server.RequiredBearerToken = "issued-token";
        _server.TokenClient = ("agent", "s3cret");
        using var client = CreateClient(o => o.Credentials = FgaCredentials.ClientCredentials(
            new Uri(_server.BaseAddress, "/oauth/token"), "agent", "s3cret", audience: "fga"));

        Assert.True(await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
        Assert.True(await client.CheckAsync(new FgaCheckRequest("user:bob", "can_buy", "asset:MSFT")));

        Assert.Equal(1, _server.TokenRequests);
        Assert.All(_server.Exchanges.Where(e => e.Path.StartsWith("/stores")),
            e => Assert.Equal("Bearer issued-token", e.Authorization));
    }

    [Fact]
    public async Task ClientCredentials_WithWrongSecret_ThrowsAuthenticationException()
    {
        _server.RequiredBearerToken = "issued-token";
        _server.TokenClient = ("agent", "s3cret");
        using var client = CreateClient(o => o.Credentials = FgaCredentials.ClientCredentials(
            new Uri(_server.BaseAddress, "/oauth/token"), "agent", "wrong"));

        await Assert.ThrowsAsync<FgaAuthenticationException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));
    }

    [Fact]
    public async Task AddOpenFga_RegistersTheClientAsRelationshipChecker()
    {
        var services = new ServiceCollection();
        services.AddAgentSafety().AddOpenFga(o =>
        {
            o.ApiUrl = _server.BaseAddress;
            o.StoreId = _storeId;
            o.AuthorizationModelId = _modelId;
        });
        await using var provider = services.BuildServiceProvider();

        var checker = provider.GetRequiredService<IRelationshipChecker>();
        var results = await checker.CheckAsync([new("user:anne", "can_buy", "asset:OKTA")]);

        Assert.IsType<OpenFgaClient>(checker);
        Assert.True(Assert.Single(results).Allowed);
    }

    [Fact]
    public void AddOpenFga_Twice_Throws()
    {
        var builder = new ServiceCollection().AddAgentSafety();
        void Add() => builder.AddOpenFga(o =>
        {
            o.ApiUrl = _server.BaseAddress;
            o.StoreId = _storeId;
        });
        Add();

        Assert.Throws<InvalidOperationException>(Add);
    }

    [Fact]
    public void AddOpenFga_WithoutStore_ThrowsAtRegistration()
    {
        var builder = new ServiceCollection().AddAgentSafety();

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.AddOpenFga(o => o.ApiUrl = _server.BaseAddress));

        Assert.Contains("StoreId", error.Message);
    }

    [Fact]
    public async Task RetryAfterAsHttpDate_WaitsUntilThatTime()
    {
        var time = new RecordingTimeProvider();
        using var client = CreateClient(time: time);
        _server.EnqueueFault(503, DateTimeOffset.UtcNow.AddSeconds(3).ToString("R"));

        await client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA"));

        // An HTTP date has whole seconds and the request takes a moment, so the wait is a little under 2-3 s.
        var delay = time.RequestedDelays.First();
        Assert.InRange(delay, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task UnreachableServer_IsRetriedThenThrowsConnectionException()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var time = new RecordingTimeProvider();
        using var client = CreateClient(o =>
        {
            o.ApiUrl = new Uri($"http://127.0.0.1:{port}");
            o.MaxRetries = 2;
            o.MinRetryDelay = TimeSpan.FromMilliseconds(20);
        }, time);

        await Assert.ThrowsAsync<FgaConnectionException>(() =>
            client.CheckAsync(new FgaCheckRequest("user:anne", "can_buy", "asset:OKTA")));

        Assert.Equal(2, time.RequestedDelays.Count);
    }

    [Fact]
    public async Task ContextValueJsonCannotCarry_IsAValidationErrorBeforeSending()
    {
        using var client = CreateClient();

        var error = await Assert.ThrowsAsync<FgaException>(() => client.CheckAsync(new FgaCheckRequest(
            "user:carl", "can_buy", "asset:NVDA",
            Context: new Dictionary<string, object?> { ["hour"] = double.PositiveInfinity })));

        Assert.Equal(FgaErrorCode.ValidationError, error.Code);
        Assert.Empty(_server.Exchanges);
    }

    private static string AuthorizationModelJsonText(AgentSafety.OpenFga.Model.AuthorizationModel model) =>
        AgentSafety.OpenFga.Model.AuthorizationModelJson.Serialize(model, indented: false);
}

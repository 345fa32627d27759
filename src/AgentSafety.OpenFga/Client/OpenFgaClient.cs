using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentSafety.OpenFga.Client;

/// <summary>
/// A typed client for the OpenFGA HTTP API: check, batch-check, list-objects, write, delete and read tuples,
/// authorization models and stores. Retries 429 and 5xx answers, authenticates with an API token or client
/// credentials, and pins the authorization model. As an <see cref="IRelationshipChecker"/> it sends all checks of
/// one tool call as one batch-check request.
/// </summary>
public sealed class OpenFgaClient : IRelationshipChecker, IDisposable
{
    /// <summary>The most checks OpenFGA accepts in one batch-check request by default.</summary>
    public const int MaxChecksPerBatch = 50;

    internal static readonly ActivitySource ActivitySource = new("AgentSafety.OpenFga");

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly OpenFgaClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a client with its own connection pool. Prefer <c>AddOpenFga</c> in a host, which
    /// uses <see cref="IHttpClientFactory"/>.</summary>
    /// <param name="options">Where the server is and how to talk to it.</param>
    /// <param name="innerHandler">The handler that does the sending; a new <see cref="SocketsHttpHandler"/> when
    /// null.</param>
    /// <param name="logger">Where retries and failures are logged.</param>
    /// <param name="timeProvider">The clock for back-off and token expiry.</param>
    public OpenFgaClient(OpenFgaClientOptions options, HttpMessageHandler? innerHandler = null,
        ILogger<OpenFgaClient>? logger = null, TimeProvider? timeProvider = null)
        : this(new HttpClient(CreatePipeline(options, innerHandler ?? new SocketsHttpHandler(),
                logger ?? (ILogger)NullLogger.Instance, timeProvider ?? TimeProvider.System)),
            options, logger, ownsHttpClient: true)
    {
    }

    internal OpenFgaClient(HttpClient http, OpenFgaClientOptions options, ILogger? logger, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        _ownsHttpClient = ownsHttpClient;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Builds the retry and authentication handlers around <paramref name="innerHandler"/>.</summary>
    internal static HttpMessageHandler CreatePipeline(OpenFgaClientOptions options, HttpMessageHandler innerHandler,
        ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpMessageHandler handler = innerHandler;
        if (options.Credentials is not null)
        {
            // The token endpoint gets a client of its own, so a token request never carries a bearer token.
            var tokenClient = new HttpClient(new RetryHandler(options, logger, time) { InnerHandler = innerHandler },
                disposeHandler: false);
            handler = new AuthenticationHandler(new AccessTokenSource(options.Credentials, tokenClient, logger, time))
            {
                InnerHandler = handler,
            };
        }

        return new RetryHandler(options, logger, time) { InnerHandler = handler };
    }

    /// <summary>The options the client was created with.</summary>
    public OpenFgaClientOptions Options => _options;

    /// <summary>Answers one check.</summary>
    /// <exception cref="FgaApiException">The server answered with an error.</exception>
    /// <exception cref="FgaTimeoutException">The call took longer than the configured timeout.</exception>
    public async Task<bool> CheckAsync(FgaCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ApiCheckRequest(
            new ApiCheckTupleKey(request.User, request.Relation, request.Object),
            ToContextual(request.ContextualTuples),
            _options.AuthorizationModelId,
            ToContext(request.Context),
            ConsistencyText);
        var response = await SendAsync<ApiCheckResponse>("check", HttpMethod.Post, StorePath("check"), body,
            cancellationToken).ConfigureAwait(false);
        return response.Allowed;
    }

    /// <summary>
    /// Answers several checks with one batch-check request (several when there are more than
    /// <see cref="MaxChecksPerBatch"/>). A check the server could not answer comes back with its error and
    /// <c>Allowed = false</c>.
    /// </summary>
    /// <exception cref="FgaApiException">The server answered the request with an error.</exception>
    /// <exception cref="FgaTimeoutException">The call took longer than the configured timeout.</exception>
    public async Task<IReadOnlyList<FgaBatchCheckResult>> BatchCheckAsync(IReadOnlyList<FgaCheckRequest> checks,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<FgaBatchCheckResult>(checks.Count);
        foreach (var chunk in checks.Chunk(MaxChecksPerBatch))
        {
            var items = chunk.Select((check, index) => new ApiBatchCheckItem(
                new ApiCheckTupleKey(check.User, check.Relation, check.Object),
                ToContextual(check.ContextualTuples),
                ToContext(check.Context),
                index.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var body = new ApiBatchCheckRequest(items, _options.AuthorizationModelId, ConsistencyText);
            var response = await SendAsync<ApiBatchCheckResponse>("batch-check", HttpMethod.Post,
                StorePath("batch-check"), body, cancellationToken).ConfigureAwait(false);

            for (var i = 0; i < chunk.Length; i++)
            {
                var answer = response.Result?.GetValueOrDefault(items[i].CorrelationId);
                var error = answer is null
                    ? "the server returned no result for this check"
                    : answer.Error is { } e && (e.Message is { Length: > 0 } || e.InputError is not null
                        || e.InternalError is not null)
                        ? $"{e.InputError ?? e.InternalError}: {e.Message}"
                        : null;
                results.Add(new FgaBatchCheckResult(chunk[i], error is null && answer!.Allowed, error));
            }
        }

        return results;
    }

    /// <inheritdoc/>
    async Task<IReadOnlyList<RelationshipCheckResult>> IRelationshipChecker.CheckAsync(
        IReadOnlyList<RelationshipCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
            return [];

        var answers = await BatchCheckAsync(
            checks.Select(c => new FgaCheckRequest(c.User, c.Relation, c.Object)).ToList(),
            cancellationToken).ConfigureAwait(false);
        return checks.Select((check, i) => new RelationshipCheckResult(check, answers[i].Allowed, answers[i].Error))
            .ToList();
    }

    /// <summary>Lists the objects of a type the user has the relation on.</summary>
    /// <exception cref="FgaApiException">The server answered with an error.</exception>
    public async Task<IReadOnlyList<string>> ListObjectsAsync(FgaListObjectsRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ApiListObjectsRequest(_options.AuthorizationModelId, request.Type, request.Relation,
            request.User, ToContextual(request.ContextualTuples), ToContext(request.Context), ConsistencyText);
        var response = await SendAsync<ApiListObjectsResponse>("list-objects", HttpMethod.Post,
            StorePath("list-objects"), body, cancellationToken).ConfigureAwait(false);
        return response.Objects ?? [];
    }

    /// <summary>Writes and deletes tuples in one transaction.</summary>
    /// <exception cref="FgaApiException">The server answered with an error; nothing was written.</exception>
    public async Task WriteAsync(IReadOnlyCollection<RelationshipTuple>? writes,
        IReadOnlyCollection<RelationshipTuple>? deletes = null, CancellationToken cancellationToken = default)
    {
        var body = new ApiWriteRequest(
            writes is { Count: > 0 } ? new ApiWriteTuples(writes.Select(ToTupleKey).ToList()) : null,
            deletes is { Count: > 0 }
                ? new ApiDeleteTuples(deletes.Select(t => new ApiTupleKeyWithoutCondition(t.User, t.Relation,
                    t.Object)).ToList())
                : null,
            _options.AuthorizationModelId);
        if (body.Writes is null && body.Deletes is null)
            throw new ArgumentException("Give at least one tuple to write or delete.");
        await SendAsync<JsonElement>("write", HttpMethod.Post, StorePath("write"), body, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes tuples.</summary>
    public Task DeleteAsync(IReadOnlyCollection<RelationshipTuple> tuples,
        CancellationToken cancellationToken = default) => WriteAsync(null, tuples, cancellationToken);

    /// <summary>Reads one page of stored tuples that match <paramref name="filter"/> (all tuples when null).
    /// </summary>
    public async Task<FgaReadPage> ReadAsync(FgaTupleFilter? filter = null, int? pageSize = null,
        string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var body = new ApiReadRequest(
            filter is null ? null : new ApiReadTupleKey(filter.User, filter.Relation, filter.Object),
            pageSize, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, ConsistencyText);
        var response = await SendAsync<ApiReadResponse>("read", HttpMethod.Post, StorePath("read"), body,
            cancellationToken).ConfigureAwait(false);
        var tuples = (response.Tuples ?? []).Select(t => new RelationshipTuple(t.Key.User, t.Key.Relation,
            t.Key.Object, t.Key.Condition is { } c
                ? new TupleCondition(c.Name, ApiJson.ToPlainMap(c.Context))
                : null)).ToList();
        return new FgaReadPage(tuples, response.ContinuationToken);
    }

    /// <summary>Writes a new authorization model and returns its id. Pinned clients keep using their own model
    /// until <see cref="OpenFgaClientOptions.AuthorizationModelId"/> changes.</summary>
    public async Task<string> WriteAuthorizationModelAsync(AuthorizationModel model,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var response = await SendAsync<ApiWriteModelResponse>("write-authorization-model", HttpMethod.Post,
            StorePath("authorization-models"), AuthorizationModelJson.ToNode(model), cancellationToken)
            .ConfigureAwait(false);
        return response.AuthorizationModelId;
    }

    /// <summary>Reads an authorization model by id.</summary>
    public async Task<AuthorizationModel> ReadAuthorizationModelAsync(string id,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var response = await SendAsync<ApiReadModelResponse>("read-authorization-model", HttpMethod.Get,
            StorePath("authorization-models/" + Uri.EscapeDataString(id)), null, cancellationToken)
            .ConfigureAwait(false);
        return response.AuthorizationModel is { } node
            ? AuthorizationModelJson.FromNode(node)
            : throw new FgaNotFoundException(System.Net.HttpStatusCode.NotFound, "authorization_model_not_found",
                $"the server returned no authorization model for id '{id}'");
    }

    /// <summary>Reads one page of the store's authorization models, newest first.</summary>
    public async Task<FgaAuthorizationModelPage> ReadAuthorizationModelsAsync(int? pageSize = null,
        string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<ApiReadModelsResponse>("read-authorization-models", HttpMethod.Get,
            StorePath("authorization-models") + Query(pageSize, continuationToken), null, cancellationToken)
            .ConfigureAwait(false);
        return new FgaAuthorizationModelPage(
            (response.AuthorizationModels ?? []).Select(AuthorizationModelJson.FromNode).ToList(),
            response.ContinuationToken);
    }

    /// <summary>Creates a store.</summary>
    public async Task<FgaStore> CreateStoreAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var store = await SendAsync<ApiStore>("create-store", HttpMethod.Post, "stores",
            new ApiCreateStoreRequest(name), cancellationToken).ConfigureAwait(false);
        return new FgaStore(store.Id, store.Name, store.CreatedAt, store.UpdatedAt);
    }

    /// <summary>Lists one page of stores.</summary>
    public async Task<FgaStorePage> ListStoresAsync(int? pageSize = null, string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<ApiListStoresResponse>("list-stores", HttpMethod.Get,
            "stores" + Query(pageSize, continuationToken), null, cancellationToken).ConfigureAwait(false);
        return new FgaStorePage(
            (response.Stores ?? []).Select(s => new FgaStore(s.Id, s.Name, s.CreatedAt, s.UpdatedAt)).ToList(),
            response.ContinuationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttpClient)
            _http.Dispose();
    }

    private string? ConsistencyText => _options.Consistency switch
    {
        FgaConsistency.MinimizeLatency => "MINIMIZE_LATENCY",
        FgaConsistency.HigherConsistency => "HIGHER_CONSISTENCY",
        _ => null,
    };

    private string StorePath(string rest) => $"stores/{Uri.EscapeDataString(_options.StoreId!)}/{rest}";

    private static string Query(int? pageSize, string? continuationToken)
    {
        var parts = new List<string>();
        if (pageSize is { } size)
            parts.Add("page_size=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(continuationToken))
            parts.Add("continuation_token=" + Uri.EscapeDataString(continuationToken));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static ApiContextualTuples? ToContextual(IReadOnlyList<RelationshipTuple>? tuples) =>
        tuples is { Count: > 0 } ? new ApiContextualTuples(tuples.Select(ToTupleKey).ToList()) : null;

    private static Dictionary<string, object?>? ToContext(IReadOnlyDictionary<string, object?>? context) =>
        context is { Count: > 0 } ? context.ToDictionary(p => p.Key, p => p.Value) : null;

    private static ApiTupleKey ToTupleKey(RelationshipTuple tuple) => new(tuple.User, tuple.Relation, tuple.Object,
        tuple.Condition is { } c ? new ApiCondition(c.Name, ToContext(c.Context)) : null);

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string path, object? body,
        CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("OpenFGA " + operation, ActivityKind.Client);
        activity?.SetTag("fga.operation", operation);
        activity?.SetTag("fga.store_id", _options.StoreId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var baseUri = _options.ApiUrl!.AbsoluteUri.EndsWith('/') ? _options.ApiUrl : new Uri(_options.ApiUrl + "/");
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        if (body is not null)
            request.Content = Serialize(operation, body);

        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await ReadErrorAsync(operation, response, timeout.Token).ConfigureAwait(false);

            var result = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, timeout.Token)
                .ConfigureAwait(false);
            return result ?? throw new FgaApiException(response.StatusCode, null,
                $"OpenFGA {operation} returned an empty body");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, operation, (long)_options.Timeout.TotalMilliseconds);
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            throw new FgaTimeoutException($"OpenFGA {operation} did not finish within {_options.Timeout}", ex);
        }
        catch (HttpRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "unreachable");
            throw new FgaConnectionException($"OpenFGA {operation} could not reach the server", ex);
        }
        catch (JsonException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "bad response");
            throw new FgaException(FgaErrorCode.InternalError, $"OpenFGA {operation} returned malformed JSON", ex);
        }
        catch (FgaException)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    // The body is serialized before sending, so a value JSON cannot carry (an infinite double in a condition
    // context, say) is a validation error of the request rather than a failure halfway through sending, and the
    // same bytes can be sent again on retry.
    private static ByteArrayContent Serialize(string operation, object body)
    {
        byte[] bytes;
        try
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Options);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or JsonException)
        {
            throw new FgaException(FgaErrorCode.ValidationError,
                $"OpenFGA {operation}: the request cannot be written as JSON ({ex.Message})", ex);
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json")
        {
            CharSet = "utf-8",
        };
        return content;
    }

    private async Task<FgaApiException> ReadErrorAsync(string operation, HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        ApiErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ApiErrorResponse>(ApiJson.Options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, say: the status code is all there is to go on.
        }

        Log.RequestFailed(_logger, operation, response.StatusCode, error?.Code);
        var message = error?.Message is { Length: > 0 } text
            ? $"OpenFGA {operation} failed: {text}"
            : $"OpenFGA {operation} failed with HTTP {(int)response.StatusCode}";
        return FgaApiException.Create(response.StatusCode, error?.Code, message);
    }
}

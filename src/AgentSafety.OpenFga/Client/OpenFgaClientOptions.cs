namespace AgentSafety.OpenFga.Client;

/// <summary>Settings of <see cref="OpenFgaClient"/>.</summary>
public sealed class OpenFgaClientOptions
{
    /// <summary>The server's base address, such as <c>https://fga.example.com</c>.</summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>The store the client works on (one store per product).</summary>
    public string? StoreId { get; set; }

    /// <summary>
    /// The authorization model every query and write is pinned to. Pin it in production so that a new model
    /// written to the store does not change answers before the application is ready for it.
    /// </summary>
    public string? AuthorizationModelId { get; set; }

    /// <summary>How the client proves who it is; none by default.</summary>
    public FgaCredentials? Credentials { get; set; }

    /// <summary>The consistency preference sent with queries.</summary>
    public FgaConsistency Consistency { get; set; } = FgaConsistency.Unspecified;

    /// <summary>How long one call may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a request that got 429 or 5xx is sent again.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay; it doubles on each retry, with jitter.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest the client waits before a retry, including a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (ApiUrl is null || !ApiUrl.IsAbsoluteUri)
            throw new InvalidOperationException("OpenFgaClientOptions.ApiUrl must be an absolute URI.");
        if (string.IsNullOrWhiteSpace(StoreId))
            throw new InvalidOperationException("OpenFgaClientOptions.StoreId is required.");
        if (Timeout <= TimeSpan.Zero || MaxRetries < 0 || MinRetryDelay < TimeSpan.Zero
            || MaxRetryDelay < MinRetryDelay)
            throw new InvalidOperationException("OpenFgaClientOptions has an invalid timeout or retry setting.");
        Credentials?.Validate();
    }
}

/// <summary>OpenFGA's consistency preference for queries.</summary>
public enum FgaConsistency
{
    /// <summary>Let the server choose (its default is <see cref="MinimizeLatency"/>).</summary>
    Unspecified,
    /// <summary>Answers may come from a cache.</summary>
    MinimizeLatency,
    /// <summary>Answers reflect every write that has completed.</summary>
    HigherConsistency,
}

/// <summary>How the client authenticates to the server.</summary>
public abstract class FgaCredentials
{
    internal abstract void Validate();

    /// <summary>A fixed API token sent as a bearer token.</summary>
    public static FgaCredentials ApiToken(string token) => new ApiTokenCredentials(token);

    /// <summary>The OAuth 2.0 client-credentials grant; tokens are fetched and cached until shortly before they
    /// expire.</summary>
    public static FgaCredentials ClientCredentials(Uri tokenEndpoint, string clientId, string clientSecret,
        string? audience = null, string? scopes = null) =>
        new ClientCredentialsCredentials(tokenEndpoint, clientId, clientSecret, audience, scopes);
}

/// <summary>A fixed API token.</summary>
public sealed class ApiTokenCredentials(string token) : FgaCredentials
{
    internal string Token { get; } = token;

    internal override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Token))
            throw new InvalidOperationException("The OpenFGA API token is empty.");
    }

    /// <summary>Never shows the token.</summary>
    public override string ToString() => "ApiToken(***)";
}

/// <summary>The OAuth 2.0 client-credentials grant.</summary>
public sealed class ClientCredentialsCredentials(Uri tokenEndpoint, string clientId, string clientSecret,
    string? audience, string? scopes) : FgaCredentials
{
    internal Uri TokenEndpoint { get; } = tokenEndpoint;

    internal string ClientId { get; } = clientId;

    internal string ClientSecret { get; } = clientSecret;

    internal string? Audience { get; } = audience;

    internal string? Scopes { get; } = scopes;

    internal override void Validate()
    {
        if (!TokenEndpoint.IsAbsoluteUri || string.IsNullOrWhiteSpace(ClientId)
            || string.IsNullOrWhiteSpace(ClientSecret))
            throw new InvalidOperationException("OpenFGA client credentials need a token endpoint, id and secret.");
    }

    /// <summary>Shows the client id, never the secret.</summary>
    public override string ToString() => $"ClientCredentials({ClientId}, ***)";
}

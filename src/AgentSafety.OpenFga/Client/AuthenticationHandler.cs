using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OpenFga.Client;

/// <summary>Adds the bearer token to every request.</summary>
internal sealed class AuthenticationHandler(AccessTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The bearer token: the fixed API token, or one fetched with the client-credentials grant and cached
/// until a minute before it expires. One instance lives as long as the client, so handler recycling does not
/// throw the cached token away.</summary>
internal sealed class AccessTokenSource(FgaCredentials credentials, HttpClient tokenClient, ILogger logger,
    TimeProvider time) : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => credentials switch
    {
        ApiTokenCredentials api => Task.FromResult(api.Token),
        ClientCredentialsCredentials client => GetClientCredentialsTokenAsync(client, cancellationToken),
        _ => throw new InvalidOperationException("unknown OpenFGA credentials"),
    };

    private async Task<string> GetClientCredentialsTokenAsync(ClientCredentialsCredentials client,
        CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < _expires)
            return cached;

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < _expires)
                return fresh;

            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.ClientId,
                ["client_secret"] = client.ClientSecret,
            };
            if (client.Audience is not null)
                form["audience"] = client.Audience;
            if (client.Scopes is not null)
                form["scope"] = client.Scopes;

            using var response = await tokenClient.PostAsync(client.TokenEndpoint, new FormUrlEncodedContent(form),
                cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new FgaAuthenticationException(response.StatusCode, null,
                    $"the token endpoint refused the client credentials ({(int)response.StatusCode})");

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                .ConfigureAwait(false);
            if (string.IsNullOrEmpty(body?.AccessToken))
                throw new FgaAuthenticationException(response.StatusCode, null,
                    "the token endpoint answered without an access token");

            _token = body.AccessToken;
            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 300);
            _expires = time.GetUtcNow() + (lifetime > ExpiryMargin * 2 ? lifetime - ExpiryMargin : lifetime / 2);
            Log.TokenFetched(logger, client.ClientId);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        tokenClient.Dispose();
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn);
}

using System.Collections.Concurrent;
using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentSafety.OAuth;

/// <summary>
/// Issues delegated tokens by exchanging the signed-in user's own token at the identity provider (RFC 8693, or
/// Auth0 Token Vault's federated-connection grant), and caches them per (user, connection, scopes).
/// </summary>
/// <remarks>
/// Every failure becomes a <see cref="DelegatedTokenResult.Denied"/> with words the user can act on ("connect your
/// Google account"); protocol detail goes to the log only, and never a token or secret. Concurrent calls for the same
/// key share one exchange.
/// </remarks>
public sealed class TokenExchangeVault : ITokenVault
{
    /// <summary>The name of the <see cref="HttpClient"/> this vault asks the factory for.</summary>
    public const string HttpClientName = "AgentSafety.OAuth.TokenVault";

    /// <summary>Auth0 Token Vault's grant type.</summary>
    public const string FederatedConnectionGrantType =
        "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token";

    /// <summary>Auth0 Token Vault's requested token type.</summary>
    public const string FederatedConnectionTokenType =
        "http://auth0.com/oauth/token-type/federated-connection-access-token";

    private readonly TokenVaultOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DelegatedTokenCache _cache;
    private readonly ProviderMetadata _metadata;
    private readonly ConcurrentDictionary<string, Lazy<Task<DelegatedTokenResult>>> _inFlight =
        new(StringComparer.Ordinal);

    /// <summary>Creates a vault.</summary>
    public TokenExchangeVault(
        IOptions<TokenVaultOptions> options,
        IHttpClientFactory httpClients,
        TimeProvider? time = null,
        ILogger<TokenExchangeVault>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        _httpClients = httpClients;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new DelegatedTokenCache(_time, _options.ExpirySkew, _options.MaxCachedTokens);
        _metadata = new ProviderMetadata(
            _options, () => null, () => httpClients.CreateClient(HttpClientName), _time, _logger);
    }

    /// <summary>How many tokens the cache holds now.</summary>
    public int CachedTokenCount => _cache.Count;

    /// <inheritdoc />
    public async Task<DelegatedTokenResult> GetTokenAsync(
        DelegatedTokenRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Principal.Subject;
        var key = DelegatedTokenCache.KeyFor(request);
        var cached = _cache.Get(key);
        if (cached is not null)
        {
            OAuthLog.TokenCacheHit(_logger, subject, request.Connection);
            return DelegatedTokenResult.Issued(cached);
        }

        if (string.IsNullOrEmpty(request.Principal.SubjectToken))
        {
            OAuthLog.NoSubjectToken(_logger, subject, request.Connection);
            return DelegatedTokenResult.Denied(Denials.SignInAgain(DisplayName(request.Connection)));
        }

        // The exchange itself does not follow one caller's cancellation, so a caller that gives up cannot fail the
        // others waiting on it; the provider call is bounded by RequestTimeout anyway.
        var exchange = new Lazy<Task<DelegatedTokenResult>>(() => ExchangeOrDenyAsync(request, key));
        var shared = _inFlight.GetOrAdd(key, exchange);
        if (ReferenceEquals(shared, exchange))
        {
            _ = shared.Value.ContinueWith(
                _ => _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<DelegatedTokenResult>>>(key, exchange)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DelegatedTokenResult> ExchangeOrDenyAsync(DelegatedTokenRequest request, string key)
    {
        try
        {
            return await ExchangeAsync(request, key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Only the type is logged: an unexpected failure must not carry provider text into the log.
            OAuthLog.TokenExchangeFailed(
                _logger, request.Principal.Subject, request.Connection, "Exception", 0, error.GetType().Name);
            return DelegatedTokenResult.Denied(Denials.Unavailable(DisplayName(request.Connection)));
        }
    }

    private async Task<DelegatedTokenResult> ExchangeAsync(
        DelegatedTokenRequest request,
        string key,
        CancellationToken cancellationToken)
    {
        var endpoints = await _metadata.GetAsync(needsBackchannel: false, cancellationToken).ConfigureAwait(false);
        if (endpoints is null)
            return DelegatedTokenResult.Denied(Denials.Unavailable(DisplayName(request.Connection)));

        var http = _httpClients.CreateClient(HttpClientName);
        using var response = await ProviderCall.SendAsync(
            token => http.RequestTokenAsync(BuildRequest(request, endpoints), token),
            _options.RequestTimeout,
            cancellationToken).ConfigureAwait(false);

        return response.IsError
            ? Deny(request, response)
            : Issue(request, key, response);
    }

    private TokenRequest BuildRequest(DelegatedTokenRequest request, ProviderEndpoints endpoints)
    {
        var parameters = new Parameters
        {
            { OidcConstants.TokenRequest.SubjectToken, request.Principal.SubjectToken! },
            { OidcConstants.TokenRequest.SubjectTokenType, _options.SubjectTokenType },
        };
        var scope = string.Join(' ', request.Scopes);
        parameters.AddOptional(OidcConstants.TokenRequest.Scope, scope);

        string grantType;
        if (_options.Flavor == TokenExchangeFlavor.Auth0FederatedConnection)
        {
            grantType = FederatedConnectionGrantType;
            parameters.Add(OidcConstants.TokenRequest.RequestedTokenType, FederatedConnectionTokenType);
            parameters.Add("connection", request.Connection);
            parameters.AddOptional("login_hint", _options.LoginHint?.Invoke(request.Principal, request.Connection));
        }
        else
        {
            grantType = OidcConstants.GrantTypes.TokenExchange;
            parameters.Add(
                OidcConstants.TokenRequest.RequestedTokenType, OidcConstants.TokenTypeIdentifiers.AccessToken);
            var hasResource = _options.Resources.TryGetValue(request.Connection, out var resource);
            var hasAudience = _options.Audiences.TryGetValue(request.Connection, out var audience);
            parameters.AddOptional(OidcConstants.TokenRequest.Resource, resource);
            if (hasAudience || !hasResource)
                parameters.Add(OidcConstants.TokenRequest.Audience, audience ?? request.Connection);
        }

        return new TokenRequest
        {
            Address = endpoints.TokenEndpoint,
            GrantType = grantType,
            Parameters = parameters,
        }.Authenticate(_options, endpoints.Issuer, _time);
    }

    private DelegatedTokenResult Issue(DelegatedTokenRequest request, string key, TokenResponse response)
    {
        var name = DisplayName(request.Connection);
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            OAuthLog.TokenExchangeFailed(_logger, request.Principal.Subject, request.Connection, "NoAccessToken",
                (int)response.HttpStatusCode, "none");
            return DelegatedTokenResult.Denied(Denials.Unavailable(name));
        }

        // RFC 6749 5.1: a response without scope grants what was asked; one with scope may grant less.
        var granted = response.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [.. request.Scopes];
        var missing = request.Scopes.Except(granted, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            OAuthLog.TokenScopesMissing(
                _logger, request.Principal.Subject, request.Connection, string.Join(' ', missing));
            return DelegatedTokenResult.Denied(Denials.AllowScopes(name, missing));
        }

        var knowsLifetime = response.ExpiresIn > 0;
        var lifetime = knowsLifetime ? TimeSpan.FromSeconds(response.ExpiresIn) : _options.AssumedLifetime;
        AccessToken? token = null;
        token = new AccessToken(
            response.AccessToken, request.Connection, granted, _time.GetUtcNow().Add(lifetime),
            () => Evict(request, key, token!));
        if (knowsLifetime && _cache.IsWorthCaching(token))
            _cache.Put(key, token);

        OAuthLog.TokenExchanged(_logger, request.Principal.Subject, request.Connection, lifetime);
        return DelegatedTokenResult.Issued(token);
    }

    private DelegatedTokenResult Deny(DelegatedTokenRequest request, TokenResponse response)
    {
        var name = DisplayName(request.Connection);
        var subject = request.Principal.Subject;
        var status = (int)response.HttpStatusCode;
        var error = ProtocolErrors.Code(response);
        if (error is null)
        {
            OAuthLog.TokenExchangeFailed(_logger, subject, request.Connection, response.ErrorType.ToString(), status,
                response.Exception?.GetType().Name ?? "none");
            return DelegatedTokenResult.Denied(Denials.Unavailable(name));
        }

        var (denial, reason) = error switch
        {
            OidcConstants.TokenErrors.InvalidGrant => ("SignInAgain", Denials.SignInAgain(name)),
            OidcConstants.TokenErrors.InvalidScope or "insufficient_scope" =>
                ("AllowScopes", Denials.AllowScopes(name, request.Scopes)),
            OidcConstants.TokenErrors.InvalidTarget => ("NotAvailable", Denials.NotAvailable(name)),
            "federated_connection_refresh_token_not_found" or "consent_required" or "interaction_required"
                or OidcConstants.TokenErrors.AccessDenied => ("Connect", Denials.Connect(name)),
            _ when status == (int)HttpStatusCode.Unauthorized &&
                   _options.Flavor == TokenExchangeFlavor.Auth0FederatedConnection &&
                   error != OidcConstants.TokenErrors.InvalidClient => ("Connect", Denials.Connect(name)),
            _ => ("Unavailable", Denials.Unavailable(name)),
        };
        OAuthLog.TokenExchangeRefused(_logger, subject, request.Connection, error, status, denial);
        return DelegatedTokenResult.Denied(reason);
    }

    private void Evict(DelegatedTokenRequest request, string key, AccessToken token)
    {
        if (_cache.Remove(key, token))
            OAuthLog.TokenEvicted(_logger, request.Principal.Subject, request.Connection);
    }

    private string DisplayName(string connection) =>
        _options.DisplayNames.TryGetValue(connection, out var name) ? name : connection;

    private static class Denials
    {
        public static string SignInAgain(string name) =>
            $"Your sign-in can no longer be used to reach {name}. Sign in again, then retry.";

        public static string Connect(string name) =>
            $"Connect your {name} account to this app, then retry.";

        public static string AllowScopes(string name, IEnumerable<string> scopes) =>
            $"Allow this app the following access to your {name} account, then retry: {string.Join(", ", scopes)}.";

        public static string NotAvailable(string name) => $"{name} is not available to this app.";

        public static string Unavailable(string name) =>
            $"Access to {name} cannot be obtained right now. Try again later.";
    }
}

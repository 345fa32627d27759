using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OAuth;

/// <summary>
/// Resolves provider endpoints: explicit options win, the rest comes from the discovery document. A successful
/// discovery is kept for <see cref="CacheDuration"/>; a failed one is retried on the next call, so a provider that
/// was down at start-up is picked up once it is back.
/// </summary>
internal sealed class ProviderMetadata
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromHours(1);

    private readonly OAuthClientOptions _options;
    private readonly Func<string?> _backchannelOverride;
    private readonly Func<HttpClient> _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Discovered? _discovered;

    public ProviderMetadata(
        OAuthClientOptions options,
        Func<string?> backchannelOverride,
        Func<HttpClient> http,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _backchannelOverride = backchannelOverride;
        _http = http;
        _time = time;
        _logger = logger;
    }

    /// <summary>The endpoints, or null when discovery failed (already logged).</summary>
    public async Task<ProviderEndpoints?> GetAsync(bool needsBackchannel, CancellationToken cancellationToken)
    {
        var explicitEndpoints = FromOptions(needsBackchannel);
        if (explicitEndpoints is not null)
            return explicitEndpoints;

        var discovered = _discovered;
        if (discovered is not null && _time.GetUtcNow() < discovered.Until)
            return discovered.Endpoints;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            discovered = _discovered;
            if (discovered is not null && _time.GetUtcNow() < discovered.Until)
                return discovered.Endpoints;

            var endpoints = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            _discovered = endpoints is null ? null : new Discovered(endpoints, _time.GetUtcNow().Add(CacheDuration));
            return endpoints;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ProviderEndpoints? FromOptions(bool needsBackchannel)
    {
        var backchannel = _backchannelOverride();
        if (string.IsNullOrEmpty(_options.TokenEndpoint) || (needsBackchannel && string.IsNullOrEmpty(backchannel)))
            return null;

        var issuer = _options.Issuer ?? _options.Authority ?? new Uri(_options.TokenEndpoint).GetLeftPart(
            UriPartial.Authority) + "/";
        return new ProviderEndpoints(issuer, _options.TokenEndpoint, backchannel);
    }

    private async Task<ProviderEndpoints?> DiscoverAsync(CancellationToken cancellationToken)
    {
        var authority = _options.Authority;
        if (string.IsNullOrEmpty(authority))
            return null;

        var request = new DiscoveryDocumentRequest
        {
            Address = authority,
            Policy = new DiscoveryPolicy { RequireHttps = _options.RequireHttps, RequireKeySet = false },
        };
        using var document = await ProviderCall.SendAsync(
            token => _http().GetDiscoveryDocumentAsync(request, token),
            _options.RequestTimeout,
            cancellationToken).ConfigureAwait(false);
        if (document.IsError || string.IsNullOrEmpty(document.TokenEndpoint))
        {
            OAuthLog.DiscoveryFailed(_logger, authority, document.ErrorType.ToString(), (int)document.HttpStatusCode);
            return null;
        }

        return new ProviderEndpoints(
            _options.Issuer ?? document.Issuer ?? authority,
            _options.TokenEndpoint ?? document.TokenEndpoint,
            _backchannelOverride() ?? document.BackchannelAuthenticationEndpoint);
    }

    // One reference, so a reader never sees endpoints paired with another discovery's expiry.
    private sealed record Discovered(ProviderEndpoints Endpoints, DateTimeOffset Until);
}

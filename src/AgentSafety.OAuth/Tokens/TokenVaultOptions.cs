using Duende.IdentityModel;

namespace AgentSafety.OAuth;

/// <summary>Settings of the token-exchange vault.</summary>
public sealed class TokenVaultOptions : OAuthClientOptions
{
    /// <summary>The grant to use; plain RFC 8693 by default.</summary>
    public TokenExchangeFlavor Flavor { get; set; } = TokenExchangeFlavor.Rfc8693;

    /// <summary>
    /// What the principal's <see cref="ToolPrincipal.SubjectToken"/> is: an access token (the default) or a refresh
    /// token (Auth0 Token Vault's refresh-token exchange).
    /// </summary>
    public string SubjectTokenType { get; set; } = OidcConstants.TokenTypeIdentifiers.AccessToken;

    /// <summary>
    /// For <see cref="TokenExchangeFlavor.Rfc8693"/>: the <c>audience</c> to ask for per connection name. A
    /// connection not listed is sent as the audience itself.
    /// </summary>
    public IDictionary<string, string> Audiences { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// For <see cref="TokenExchangeFlavor.Rfc8693"/>: the <c>resource</c> (RFC 8707) to ask for per connection name,
    /// sent in addition to or instead of an audience.
    /// </summary>
    public IDictionary<string, string> Resources { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Names shown to the user in denials ("Connect your Google account"), per connection name.</summary>
    public IDictionary<string, string> DisplayNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["google-oauth2"] = "Google",
        ["github"] = "GitHub",
        ["slack"] = "Slack",
        ["windowslive"] = "Microsoft",
    };

    /// <summary>
    /// For <see cref="TokenExchangeFlavor.Auth0FederatedConnection"/>: picks the external account to use when the
    /// user linked several (sent as <c>login_hint</c>); null sends none.
    /// </summary>
    public Func<ToolPrincipal, string, string?>? LoginHint { get; set; }

    /// <summary>How long before its expiry a cached token stops being handed out.</summary>
    public TimeSpan ExpirySkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The lifetime assumed when the provider does not say; such tokens are not cached.</summary>
    public TimeSpan AssumedLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most tokens kept in the cache; beyond it new tokens are used but not cached.</summary>
    public int MaxCachedTokens { get; set; } = 10_000;

    /// <summary>Configures Auth0 Token Vault for a tenant domain such as <c>tenant.us.auth0.com</c>.</summary>
    public void UseAuth0(string domain)
    {
        UseAuth0Tenant(domain);
        Flavor = TokenExchangeFlavor.Auth0FederatedConnection;
    }

    internal IEnumerable<string> Problems()
    {
        foreach (var problem in ClientProblems())
            yield return problem;
        if (string.IsNullOrWhiteSpace(SubjectTokenType))
            yield return "set SubjectTokenType";
        if (ExpirySkew < TimeSpan.Zero)
            yield return "ExpirySkew cannot be negative";
        if (MaxCachedTokens < 0)
            yield return "MaxCachedTokens cannot be negative";
    }
}

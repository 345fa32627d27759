using System.Security.Cryptography;

namespace AgentSafety.OAuth;

/// <summary>
/// Where the identity provider is and how the agent authenticates to it; shared by the token vault and the CIBA
/// approval gate.
/// </summary>
public abstract class OAuthClientOptions
{
    /// <summary>
    /// The provider's issuer URL, such as <c>https://tenant.us.auth0.com/</c>. Endpoints not set explicitly are read
    /// from its OpenID discovery document.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The token endpoint; when null it comes from discovery.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>
    /// The issuer identifier, used as the audience of client assertions and in <c>iss_sub</c> login hints. When
    /// null it comes from discovery, or falls back to <see cref="Authority"/>.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The agent's client id at the provider.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret, for the two secret-based methods. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How the client authenticates; the default is <c>client_secret_basic</c>.</summary>
    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.ClientSecretBasic;

    /// <summary>The private key (RSA or ECDSA) that signs client assertions for <c>private_key_jwt</c>.</summary>
    public AsymmetricAlgorithm? ClientAssertionKey { get; set; }

    /// <summary>The key id (<c>kid</c>) of <see cref="ClientAssertionKey"/>, if the provider needs one.</summary>
    public string? ClientAssertionKeyId { get; set; }

    /// <summary>How long one HTTP call to the provider may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether the provider must be reached over HTTPS. Loopback addresses (a local test provider) are allowed over
    /// plain HTTP either way.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Authenticates with a secret sent in the <c>Authorization</c> header or in the form body.</summary>
    public void UseClientSecret(string clientId, string clientSecret, bool inFormBody = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ClientId = clientId;
        ClientSecret = clientSecret;
        ClientAuthentication = inFormBody
            ? ClientAuthenticationMethod.ClientSecretPost
            : ClientAuthenticationMethod.ClientSecretBasic;
    }

    /// <summary>
    /// Authenticates with JWTs signed by a private key given as PEM (PKCS#8, or a SEC1 EC or PKCS#1 RSA key).
    /// </summary>
    public void UsePrivateKeyJwt(string clientId, string privateKeyPem, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPem);
        ClientId = clientId;
        ClientAssertionKey = ClientAssertionJwt.ImportPrivateKey(privateKeyPem);
        ClientAssertionKeyId = keyId;
        ClientAuthentication = ClientAuthenticationMethod.PrivateKeyJwt;
    }

    /// <summary>Points <see cref="Authority"/> and <see cref="TokenEndpoint"/> at an Auth0 tenant domain.</summary>
    private protected void UseAuth0Tenant(string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var authority = domain.Contains("://", StringComparison.Ordinal) ? domain : "https://" + domain;
        Authority = authority.TrimEnd('/') + "/";
        TokenEndpoint = Authority + "oauth/token";
    }

    internal IEnumerable<string> ClientProblems()
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(TokenEndpoint))
            yield return "set Authority (for discovery) or TokenEndpoint";
        if (string.IsNullOrWhiteSpace(ClientId))
            yield return "set ClientId";
        if (ClientAuthentication == ClientAuthenticationMethod.PrivateKeyJwt && ClientAssertionKey is null)
            yield return "private_key_jwt needs ClientAssertionKey (see UsePrivateKeyJwt)";
        if (ClientAuthentication != ClientAuthenticationMethod.PrivateKeyJwt && string.IsNullOrEmpty(ClientSecret))
            yield return "client secret authentication needs ClientSecret";
        if (RequestTimeout <= TimeSpan.Zero)
            yield return "RequestTimeout must be positive";
    }
}

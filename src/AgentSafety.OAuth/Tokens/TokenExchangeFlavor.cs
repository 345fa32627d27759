namespace AgentSafety.OAuth;

/// <summary>Which token-exchange grant the vault speaks.</summary>
public enum TokenExchangeFlavor
{
    /// <summary>
    /// Plain RFC 8693: <c>grant_type=urn:ietf:params:oauth:grant-type:token-exchange</c> with the connection's
    /// <c>audience</c> (or <c>resource</c>) and <c>scope</c>.
    /// </summary>
    Rfc8693,

    /// <summary>
    /// Auth0 Token Vault: the federated-connection access-token grant, with <c>connection</c>, the requested token
    /// type <c>http://auth0.com/oauth/token-type/federated-connection-access-token</c> and an optional
    /// <c>login_hint</c>.
    /// </summary>
    Auth0FederatedConnection,
}

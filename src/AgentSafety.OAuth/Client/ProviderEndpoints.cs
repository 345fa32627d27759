namespace AgentSafety.OAuth;

/// <summary>The provider endpoints one component needs, resolved from options or discovery.</summary>
/// <param name="Issuer">The issuer identifier.</param>
/// <param name="TokenEndpoint">The token endpoint.</param>
/// <param name="BackchannelAuthenticationEndpoint">The CIBA endpoint, when the provider has one.</param>
internal sealed record ProviderEndpoints(
    string Issuer,
    string TokenEndpoint,
    string? BackchannelAuthenticationEndpoint);

using Duende.IdentityModel.Client;

namespace AgentSafety.OAuth;

/// <summary>Puts the configured client authentication on a Duende protocol request.</summary>
internal static class ClientAuthentication
{
    public static T Authenticate<T>(this T request, OAuthClientOptions options, string audience, TimeProvider time)
        where T : ProtocolRequest
    {
        request.ClientId = options.ClientId;
        switch (options.ClientAuthentication)
        {
            case ClientAuthenticationMethod.PrivateKeyJwt:
                request.ClientCredentialStyle = ClientCredentialStyle.PostBody;

                // Made per request, so each one carries a fresh jti and providers that refuse replays accept it.
                request.ClientAssertion = new ClientAssertion
                {
                    Type = ClientAssertionJwt.AssertionType,
                    Value = ClientAssertionJwt.Create(
                        options.ClientId, audience, options.ClientAssertionKey!, options.ClientAssertionKeyId,
                        time.GetUtcNow()),
                };
                break;
            case ClientAuthenticationMethod.ClientSecretPost:
                request.ClientSecret = options.ClientSecret;
                request.ClientCredentialStyle = ClientCredentialStyle.PostBody;
                break;
            default:
                request.ClientSecret = options.ClientSecret;
                request.ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader;
                request.AuthorizationHeaderStyle = BasicAuthenticationHeaderStyle.Rfc6749;
                break;
        }

        return request;
    }
}

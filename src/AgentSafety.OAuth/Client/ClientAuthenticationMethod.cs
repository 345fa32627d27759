namespace AgentSafety.OAuth;

/// <summary>How the agent proves its own identity to the identity provider.</summary>
public enum ClientAuthenticationMethod
{
    /// <summary>Client id and secret in an HTTP Basic header (<c>client_secret_basic</c>).</summary>
    ClientSecretBasic,

    /// <summary>Client id and secret in the form body (<c>client_secret_post</c>).</summary>
    ClientSecretPost,

    /// <summary>A JWT signed with the client's private key (<c>private_key_jwt</c>, RFC 7523).</summary>
    PrivateKeyJwt,
}

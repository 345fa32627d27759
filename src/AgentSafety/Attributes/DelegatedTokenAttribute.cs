namespace AgentSafety;

/// <summary>
/// Marks an <see cref="AccessToken"/> parameter that the guard fills with a short-lived token issued for the
/// signed-in user (RFC 8693 token exchange or a token vault). The parameter is hidden from the model.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DelegatedTokenAttribute : Attribute
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="connection">The connection or audience the token is for, such as <c>google-oauth2</c>.</param>
    /// <param name="scopes">The scopes the token must carry.</param>
    public DelegatedTokenAttribute(string connection, params string[] scopes)
    {
        Connection = connection;
        Scopes = scopes;
    }

    /// <summary>The connection or audience the token is for.</summary>
    public string Connection { get; }

    /// <summary>The scopes the token must carry.</summary>
    public IReadOnlyList<string> Scopes { get; }
}

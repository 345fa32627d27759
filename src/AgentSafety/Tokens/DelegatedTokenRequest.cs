namespace AgentSafety;

/// <summary>A request for a token that lets a tool act as the signed-in user on one connection.</summary>
/// <param name="Principal">The signed-in user; their own token is the subject of the exchange.</param>
/// <param name="Connection">The connection or audience, such as <c>google-oauth2</c>.</param>
/// <param name="Scopes">The scopes the tool needs.</param>
public sealed record DelegatedTokenRequest(ToolPrincipal Principal, string Connection, IReadOnlyList<string> Scopes);

/// <summary>The outcome of a <see cref="DelegatedTokenRequest"/>: a token, or a reason the user can act on.</summary>
public sealed class DelegatedTokenResult
{
    private DelegatedTokenResult(AccessToken? token, string? denialReason)
    {
        Token = token;
        DenialReason = denialReason;
    }

    /// <summary>The token, when one was issued.</summary>
    public AccessToken? Token { get; }

    /// <summary>
    /// Why no token was issued, in words for the user ("connect your Google account"); never protocol detail.
    /// </summary>
    public string? DenialReason { get; }

    /// <summary>A token was issued.</summary>
    public static DelegatedTokenResult Issued(AccessToken token) =>
        new(token ?? throw new ArgumentNullException(nameof(token)), null);

    /// <summary>No token could be issued.</summary>
    public static DelegatedTokenResult Denied(string reason) => new(null, reason);
}

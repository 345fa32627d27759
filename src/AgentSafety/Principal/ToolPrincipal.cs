using System.Security.Claims;

namespace AgentSafety;

/// <summary>
/// The signed-in user on whose behalf an agent calls a tool. Hosts create it from their own authentication
/// (a cookie, a bearer token, an MCP request); the model never supplies it.
/// </summary>
public sealed class ToolPrincipal
{
    private readonly HashSet<string> _permissions;

    /// <summary>Creates a principal.</summary>
    /// <param name="subject">The stable user id, such as the <c>sub</c> claim.</param>
    /// <param name="permissions">The permissions and scopes the user holds.</param>
    /// <param name="claims">The claims principal the host authenticated, if any.</param>
    /// <param name="subjectToken">
    /// The user's own access or refresh token, used only as the subject of token exchange. It is never logged and
    /// never shown to the model.
    /// </param>
    /// <param name="issuer">The issuer of the user's identity, used for CIBA <c>iss_sub</c> login hints.</param>
    public ToolPrincipal(
        string subject,
        IEnumerable<string>? permissions = null,
        ClaimsPrincipal? claims = null,
        string? subjectToken = null,
        string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Subject = subject;
        _permissions = new HashSet<string>(permissions ?? [], StringComparer.Ordinal);
        Claims = claims;
        SubjectToken = subjectToken;
        Issuer = issuer;
    }

    /// <summary>The stable user id.</summary>
    public string Subject { get; }

    /// <summary>The permissions and scopes the user holds.</summary>
    public IReadOnlySet<string> Permissions => _permissions;

    /// <summary>The claims principal the host authenticated, if any.</summary>
    public ClaimsPrincipal? Claims { get; }

    /// <summary>The user's own token, the subject of token exchange.</summary>
    public string? SubjectToken { get; }

    /// <summary>The issuer of the user's identity.</summary>
    public string? Issuer { get; }

    /// <summary>
    /// Builds a principal from authenticated claims: the subject from <paramref name="subjectClaimTypes"/> and
    /// permissions from <paramref name="permissionClaimTypes"/> (space-separated values such as OAuth <c>scope</c>
    /// are split).
    /// </summary>
    /// <returns>
    /// The principal, or <see langword="null"/> when the claims are unauthenticated or carry no subject.
    /// </returns>
    public static ToolPrincipal? FromClaims(
        ClaimsPrincipal claims,
        IEnumerable<string> subjectClaimTypes,
        IEnumerable<string> permissionClaimTypes,
        string? subjectToken = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Identity?.IsAuthenticated != true)
            return null;

        var subject = subjectClaimTypes.Select(type => claims.FindFirst(type)?.Value)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        if (subject is null)
            return null;

        var permissionTypes = new HashSet<string>(permissionClaimTypes, StringComparer.Ordinal);
        var permissions = claims.Claims
            .Where(claim => permissionTypes.Contains(claim.Type))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var issuer = claims.FindFirst("iss")?.Value;

        return new ToolPrincipal(subject, permissions, claims, subjectToken, issuer);
    }

    /// <summary>Returns the subject only; tokens are never part of the text.</summary>
    public override string ToString() => $"ToolPrincipal({Subject})";
}

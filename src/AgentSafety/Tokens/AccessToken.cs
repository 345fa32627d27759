using System.Text.Json.Serialization;

namespace AgentSafety;

/// <summary>
/// A short-lived token issued for the signed-in user and one connection, injected into a tool parameter marked
/// <see cref="DelegatedTokenAttribute"/>. It is never stored by the guard, logged or shown to the model.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> and JSON serialization never reveal the token value; a tool that returns or logs this
/// object by mistake leaks nothing.
/// </remarks>
[JsonConverter(typeof(RedactingAccessTokenConverter))]
public sealed class AccessToken
{
    private readonly Action? _onRejected;

    /// <summary>Creates a token.</summary>
    /// <param name="value">The bearer token.</param>
    /// <param name="connection">The connection or audience it is for.</param>
    /// <param name="scopes">The scopes it carries.</param>
    /// <param name="expiresAt">When it stops working.</param>
    /// <param name="onRejected">Called by <see cref="ReportRejected"/>, so the issuer can drop a cached copy.</param>
    public AccessToken(
        string value,
        string connection,
        IReadOnlyList<string> scopes,
        DateTimeOffset expiresAt,
        Action? onRejected = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Connection = connection;
        Scopes = scopes;
        ExpiresAt = expiresAt;
        _onRejected = onRejected;
    }

    /// <summary>The bearer token, for the <c>Authorization</c> header of the downstream call.</summary>
    public string Value { get; }

    /// <summary>The connection or audience the token is for.</summary>
    public string Connection { get; }

    /// <summary>The scopes the token carries.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>When the token stops working.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Tells the issuer that the downstream API rejected this token (HTTP 401), so the next call exchanges a new
    /// one instead of reusing a cached copy.
    /// </summary>
    public void ReportRejected() => _onRejected?.Invoke();

    /// <summary>Describes the token without its value.</summary>
    public override string ToString() => $"AccessToken({Connection}, expires {ExpiresAt:O}, value redacted)";
}

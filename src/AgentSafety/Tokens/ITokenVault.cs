namespace AgentSafety;

/// <summary>
/// Issues short-lived delegated tokens for the signed-in user (RFC 8693 token exchange, a token vault).
/// </summary>
public interface ITokenVault
{
    /// <summary>Returns a token for the request, from a cache or a fresh exchange, or a denial.</summary>
    Task<DelegatedTokenResult> GetTokenAsync(
        DelegatedTokenRequest request,
        CancellationToken cancellationToken = default);
}

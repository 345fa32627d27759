namespace AgentSafety.OAuth;

/// <summary>Settings of the OpenID CIBA (poll mode) approval gate.</summary>
public sealed class CibaOptions : OAuthClientOptions
{
    /// <summary>
    /// The backchannel authentication endpoint (Auth0: <c>https://tenant/bc-authorize</c>); when null it comes from
    /// discovery (<c>backchannel_authentication_endpoint</c>).
    /// </summary>
    public string? BackchannelAuthenticationEndpoint { get; set; }

    /// <summary>The scopes asked for; CIBA requires <c>openid</c>.</summary>
    public IList<string> Scopes { get; } = ["openid"];

    /// <summary>The API audience to ask for (Auth0 accepts <c>audience</c>); null sends none.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// How long the provider should keep the request open (<c>requested_expiry</c>); null lets it choose.
    /// </summary>
    /// <remarks>
    /// The default matches the guard's default <see cref="AgentSafetyOptions.ApprovalTimeout"/>, so the prompt on the
    /// user's device does not outlive the call waiting for it.
    /// </remarks>
    public TimeSpan? RequestedExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How the user is named in <c>login_hint</c>; Auth0's <c>iss_sub</c> JSON form by default.</summary>
    public LoginHintFormat LoginHintFormat { get; set; } = LoginHintFormat.IssuerSubject;

    /// <summary>Builds the <c>login_hint</c> itself, overriding <see cref="LoginHintFormat"/>, when set.</summary>
    public Func<ToolPrincipal, string>? LoginHint { get; set; }

    /// <summary>The longest binding message sent; longer ones are cut after sanitising (Auth0 accepts 64).</summary>
    public int BindingMessageMaxLength { get; set; } = BindingMessage.MaxLength;

    /// <summary>The polling interval used when the provider sends none; the CIBA default is 5 seconds.</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much each <c>slow_down</c> answer adds to the polling interval, cumulatively. CIBA and RFC 8628 require at
    /// least 5 seconds, the default; lower it only against a test provider.
    /// </summary>
    public TimeSpan SlowDownIncrement { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The gate's own deadline: after it the request ends as expired even if the provider would wait longer. The
    /// guard's <see cref="AgentSafetyOptions.ApprovalTimeout"/> also applies; the earlier one wins.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many failed polls in a row (network errors, timeouts, 5xx) end the request as failed.</summary>
    public int MaxConsecutivePollFailures { get; set; } = 3;

    /// <summary>
    /// Configures Auth0 for a tenant domain such as <c>tenant.us.auth0.com</c>: <c>/bc-authorize</c>,
    /// <c>/oauth/token</c> and the <c>iss_sub</c> login hint.
    /// </summary>
    public void UseAuth0(string domain)
    {
        UseAuth0Tenant(domain);
        BackchannelAuthenticationEndpoint = Authority + "bc-authorize";
        LoginHintFormat = LoginHintFormat.IssuerSubject;
    }

    internal IEnumerable<string> Problems()
    {
        foreach (var problem in ClientProblems())
            yield return problem;
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(BackchannelAuthenticationEndpoint))
            yield return "set Authority (for discovery) or BackchannelAuthenticationEndpoint";
        if (!Scopes.Contains("openid"))
            yield return "Scopes must include openid";
        if (BindingMessageMaxLength < 1)
            yield return "BindingMessageMaxLength must be positive";
        if (DefaultInterval <= TimeSpan.Zero)
            yield return "DefaultInterval must be positive";
        if (SlowDownIncrement <= TimeSpan.Zero)
            yield return "SlowDownIncrement must be positive";
        if (Timeout <= TimeSpan.Zero)
            yield return "Timeout must be positive";
        if (RequestedExpiry is { } expiry && expiry < TimeSpan.FromSeconds(1))
            yield return "RequestedExpiry must be at least one second";
    }
}

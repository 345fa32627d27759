namespace AgentSafety.OAuth;

/// <summary>How the CIBA gate names the user who must approve.</summary>
public enum LoginHintFormat
{
    /// <summary>
    /// Auth0's JSON form <c>{"format":"iss_sub","iss":"…","sub":"…"}</c>, built from the principal's issuer (or the
    /// provider's) and subject.
    /// </summary>
    IssuerSubject,

    /// <summary>The principal's subject as a plain string.</summary>
    Subject,
}

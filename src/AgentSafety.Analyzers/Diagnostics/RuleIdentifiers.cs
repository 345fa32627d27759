namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// Every rule id, one constant per rule. Ranges: AS1xxx authorization, AS2xxx credentials, AS3xxx approval and
/// critical actions, AS4xxx generator usage. A retired number is never given to another rule; the allocation is
/// recorded in rules.md at the repository root.
/// </summary>
internal static class RuleIdentifiers
{
    public const string ToolWithoutAuthorization = "AS1001";
    public const string HardcodedCredential = "AS2001";
    public const string SecretFromEnvironment = "AS2002";
    public const string CredentialInConnectionString = "AS2003";
    public const string PasswordAuthentication = "AS2004";
    public const string CriticalActionWithoutApproval = "AS3001";
    public const string DelegatedTokenEscape = "AS3002";
}

namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// Every rule id, one constant per rule. Ranges: AS1xxx authorization, AS2xxx credentials, AS3xxx approval and
/// critical actions, AS4xxx generator usage. A retired number is never given to another rule; the allocation is
/// recorded in rules.md at the repository root.
/// </summary>
internal static class RuleIdentifiers
{
    public const string ToolWithoutAuthorization = "AS1001";
    public const string ModelSuppliedPrincipal = "AS1002";
    public const string ModelSuppliedIdentity = "AS1003";
    public const string KeyedServiceFilledByModel = "AS1004";
    public const string GuardBypassed = "AS1005";
    public const string McpFunctionLosesAuthorization = "AS1006";
    public const string McpAuthorizationFiltersMissing = "AS1007";
    public const string PublicToolWithoutJustification = "AS1008";

    public const string HardcodedCredential = "AS2001";
    public const string SecretFromEnvironment = "AS2002";
    public const string CredentialInConnectionString = "AS2003";
    public const string PasswordAuthentication = "AS2004";

    public const string CriticalActionWithoutApproval = "AS3001";
    public const string DelegatedTokenEscape = "AS3002";

    public const string RequirementsNeedPartialType = "AS4001";
    public const string RelationParameterNotFound = "AS4002";
    public const string RelationParameterCannotFormObjectId = "AS4003";
    public const string InvalidRequirementName = "AS4004";
    public const string BindingMessageUnknownParameter = "AS4005";
    public const string BindingMessageExceedsProviderLimits = "AS4006";
    public const string DelegatedTokenNotAccessToken = "AS4007";
    public const string RequirementsCannotBeGenerated = "AS4008";
}

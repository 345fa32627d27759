namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// Every rule id, one constant per rule. Ranges: AS1xxx authorization, AS2xxx credentials, AS3xxx approval and
/// critical actions, AS4xxx generator usage. A retired number is never given to another rule; the allocation is
/// recorded in rules.md at the repository root.
/// </summary>
internal static class RuleIdentifiers
{
    public const string ToolWithoutAuthorization = "AS1001";
}

using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// Builds every descriptor, so each has a description and a help link to its own section of rules.md. Analyzers
/// never call the <see cref="DiagnosticDescriptor"/> constructor themselves.
/// </summary>
internal static class RuleDescriptors
{
    /// <summary>The rules document; each rule's section is anchored by its lower-cased id.</summary>
    public const string RulesDocument = "https://github.com/agentsafety/agentsafety/blob/main/rules.md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true,
        params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            HelpLink(id),
            customTags);

    /// <summary>The help link of rule <paramref name="id"/>, such as <c>rules.md#as1001</c>.</summary>
    public static string HelpLink(string id) => RulesDocument + "#" + id.ToLowerInvariant();
}

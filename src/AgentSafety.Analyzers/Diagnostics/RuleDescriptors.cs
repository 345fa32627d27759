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

    /// <summary>
    /// A copy of <paramref name="rule"/> tagged as reported at the end of the compilation, for the findings of a
    /// rule that need the whole project while the rest are reported file by file.
    /// </summary>
    public static DiagnosticDescriptor AtCompilationEnd(DiagnosticDescriptor rule) =>
        new(
            rule.Id,
            rule.Title,
            rule.MessageFormat,
            rule.Category,
            rule.DefaultSeverity,
            rule.IsEnabledByDefault,
            rule.Description,
            rule.HelpLinkUri,
            System.Linq.Enumerable.ToArray(
                System.Linq.Enumerable.Append(rule.CustomTags, WellKnownDiagnosticTags.CompilationEnd)));

    /// <summary>The help link of rule <paramref name="id"/>, such as <c>rules.md#as1001</c>.</summary>
    public static string HelpLink(string id) => RulesDocument + "#" + id.ToLowerInvariant();
}

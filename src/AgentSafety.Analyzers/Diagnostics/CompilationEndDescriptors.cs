using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Diagnostics;

/// <summary>
/// Builds the descriptors of rules that report from a compilation-end action. They are the same as those of
/// <see cref="RuleDescriptors"/>, with the <c>CompilationEnd</c> tag that tells IDEs such a rule needs the whole
/// compilation (and satisfies RS1037).
/// </summary>
internal static class CompilationEndDescriptors
{
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description) =>
        new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault: true,
            description,
            RuleDescriptors.HelpLink(id),
            WellKnownDiagnosticTags.CompilationEnd);
}

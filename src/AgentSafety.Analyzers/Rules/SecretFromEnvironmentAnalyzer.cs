using System.Collections.Immutable;
using AgentSafety.Analyzers.Credentials;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS2002: a tool, or source code it calls, reads a long-lived secret from an environment variable or a
/// configuration key and uses it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretFromEnvironmentAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.SecretFromEnvironment,
        title: "Agent tool reads a long-lived secret from the environment or configuration",
        messageFormat: "Agent tool '{0}' reads the long-lived secret '{1}' from {2}; take a delegated token as " +
            "an AccessToken parameter with [DelegatedToken] instead",
        RuleCategories.Credentials,
        DiagnosticSeverity.Warning,
        description: "A key read from the environment or configuration inside a tool gives every caller the " +
            "application's own rights, whoever the signed-in user is. Tools should act with a delegated token.");

    /// <summary>The same rule for findings that only a tool in another file reaches.</summary>
    internal static readonly DiagnosticDescriptor ReachedRule = RuleDescriptors.AtCompilationEnd(Rule);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(Rule, ReachedRule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CredentialAnalysis.Register(
            context, CredentialFindingKind.SecretFromEnvironment, new CredentialRule(Rule, ReachedRule));
    }
}

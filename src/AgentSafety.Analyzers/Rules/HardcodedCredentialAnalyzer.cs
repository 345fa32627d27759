using System.Collections.Immutable;
using AgentSafety.Analyzers.Credentials;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS2001: a tool, or source code it calls, holds a literal of a known secret format or passes a literal to a
/// credential sink.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardcodedCredential,
        title: "Agent tool uses a hard-coded credential",
        messageFormat: "Agent tool '{0}' uses a hard-coded {1}; take a delegated token as an AccessToken " +
            "parameter with [DelegatedToken] instead",
        RuleCategories.Credentials,
        DiagnosticSeverity.Error,
        description: "A secret written into a tool's code acts for every user with the same long-lived rights and " +
            "leaks with the source. Tools should call APIs with a short-lived token delegated by the signed-in user.");

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
            context, CredentialFindingKind.HardcodedCredential, new CredentialRule(Rule, ReachedRule));
    }
}

using System.Collections.Immutable;
using AgentSafety.Analyzers.Credentials;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS2004: a tool, or source code it calls, authenticates with a password read from the environment or
/// configuration (<c>NetworkCredential</c>, a Basic header, a username/password credential).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PasswordAuthenticationAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.PasswordAuthentication,
        title: "Agent tool authenticates with a password",
        messageFormat: "Agent tool '{0}' puts a password from {2} into {1}; use a delegated OAuth token instead",
        RuleCategories.Credentials,
        DiagnosticSeverity.Warning,
        description: "Password authentication gives a tool a service account's full, long-lived rights and cannot " +
            "be scoped to the signed-in user. Tools should call APIs with a delegated, short-lived token.");

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
            context, CredentialFindingKind.PasswordAuthentication, new CredentialRule(Rule, ReachedRule));
    }
}

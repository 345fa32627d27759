using System.Collections.Immutable;
using AgentSafety.Analyzers.Credentials;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS2003: a tool, or source code it calls, uses a connection string with a password or account key, or a URI with
/// a password in its user-info.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialInConnectionStringAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.CredentialInConnectionString,
        title: "Agent tool uses a connection string or URI with an embedded credential",
        messageFormat: "Agent tool '{0}' uses a connection string or URI with an embedded credential ({1}); " +
            "connect with a managed identity or a delegated token instead",
        RuleCategories.Credentials,
        DiagnosticSeverity.Error,
        description: "A password or account key inside a connection string or URI is a shared, long-lived secret " +
            "in the source. Every user of the tool then acts with the same database or storage rights.");

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
            context, CredentialFindingKind.EmbeddedCredential, new CredentialRule(Rule, ReachedRule));
    }
}

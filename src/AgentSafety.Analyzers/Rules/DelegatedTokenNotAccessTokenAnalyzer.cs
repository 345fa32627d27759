using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4007: [DelegatedToken] on a parameter that is not an AccessToken.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DelegatedTokenNotAccessTokenAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.DelegatedTokenNotAccessToken,
        title: "Delegated token parameter must be an AccessToken",
        messageFormat: "[DelegatedToken] parameter '{0}' has type '{1}'; it must be AgentSafety.AccessToken",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "The guard injects the exchanged token as an AgentSafety.AccessToken, which redacts itself in " +
            "logs and JSON. On any other type the guard cannot inject it, and the parameter would be left for the " +
            "model to fill: a token, or a string posing as one, supplied by the model.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is { } tools)
                start.RegisterRequirementAction(tools, Analyze);
        });
    }

    private static void Analyze(RequirementAnalysisContext context)
    {
        foreach (var token in context.Declaration.DelegatedTokens)
        {
            var type = token.Parameter.Type;
            if (type.TypeKind == TypeKind.Error || ToolCompilationContext.Is(type, context.Tools.AccessToken))
                continue;

            if (token.GetLocation(context.CancellationToken) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    location,
                    token.Parameter.Name,
                    type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }
    }
}

using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4002: a relationship requirement naming a parameter the method does not have.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RelationParameterNotFoundAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.RelationParameterNotFound,
        title: "Relationship requirement names a parameter that does not exist",
        messageFormat: "[RequiresRelation] takes the object id from parameter '{0}', but '{1}' has no such " +
            "parameter",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "The object of a relationship check is read from the argument the model passes for the named " +
            "parameter. A name that matches no parameter leaves the check without an object, so the guard " +
            "denies every call and the tool can never run. Use nameof(parameter).");

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
        foreach (var relation in context.Declaration.Relations)
        {
            if (!relation.HasConstantArgument(RelationRequirement.ParameterNameArgument) ||
                RelationParameters.Find(context.Method, relation.ParameterName) is not null)
            {
                continue;
            }

            var location = relation.GetArgumentLocation(
                RelationRequirement.ParameterNameArgument, context.CancellationToken);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule, location, relation.ParameterName ?? "null", context.Method.Name));
            }
        }
    }
}

using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4003: a relationship requirement whose parameter type cannot be an OpenFGA object id.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RelationParameterCannotFormObjectIdAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.RelationParameterCannotFormObjectId,
        title: "Relationship requirement uses a parameter that cannot form an object id",
        messageFormat: "Parameter '{0}' of type '{1}' cannot form an OpenFGA object id; use a string, integer, " +
            "Guid or enum parameter",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "The guard turns the argument into the id part of 'type:id'. Only strings, characters, " +
            "integers, Guids and enums (or nullable ones) have one invariant text form that OpenFGA accepts; " +
            "dates, times and URIs contain ':', and other types have no meaningful text form, so the check " +
            "always fails or names an unintended object.");

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
            if (RelationParameters.Find(context.Method, relation.ParameterName) is not { } parameter ||
                RelationParameters.CanFormObjectId(parameter.Type))
            {
                continue;
            }

            var location = relation.GetArgumentLocation(
                RelationRequirement.ParameterNameArgument, context.CancellationToken);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    location,
                    parameter.Name,
                    parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }
    }
}

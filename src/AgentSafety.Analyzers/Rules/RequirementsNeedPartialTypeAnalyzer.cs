using System.Collections.Immutable;
using System.Linq;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4001: a method with requirements in a type the generator cannot extend.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequirementsNeedPartialTypeAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.RequirementsNeedPartialType,
        title: "Type with guarded tools must be partial",
        messageFormat: "'{0}' declares requirements, but its containing type '{1}' is not partial, so no guarded " +
            "tool can be generated for it",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "The generator adds the guarded AIFunction of each annotated method, and CreateGuardedTools, " +
            "to the method's own type. It can do that only when that type and every type containing it are " +
            "partial; otherwise the requirements are declared but nothing enforces them.");

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
        if (!context.Declaration.HasOwnRequirements || context.Method.Locations.Length == 0)
            return;

        for (var type = context.Method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule, context.Method.Locations[0], context.Method.Name, type.Name));
                return;
            }
        }
    }

    private static bool IsPartial(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
            declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
}

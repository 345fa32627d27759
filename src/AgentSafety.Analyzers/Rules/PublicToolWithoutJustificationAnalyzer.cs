using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS1008: a [PublicTool] whose justification is empty or still the code fix's placeholder.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublicToolWithoutJustificationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The text the "Mark as public tool" fix writes, for the author to replace.</summary>
    public const string JustificationPlaceholder = "Explain why any caller may use this tool";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.PublicToolWithoutJustification,
        title: "Public tool does not say why it is public",
        messageFormat: "[PublicTool] on '{0}' {1}; say why any caller may use this tool",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "[PublicTool] turns off the authorization requirement for a tool, and its justification is " +
            "what a reviewer reads to accept that. An empty justification, or the placeholder the code fix " +
            "writes, lets a tool become public without anyone saying why.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            var tools = ToolCompilationContext.Create(start.Compilation);
            if (tools is not { PublicToolAttribute: { } attributeType })
                return;

            start.RegisterTreeToolsAction(tools, context =>
            {
                foreach (var symbol in context.Found.AttributedFunctions)
                    Analyze(symbol, attributeType, context.ReportDiagnostic, context.CancellationToken);
            });
        });
    }

    private static void Analyze(
        ISymbol symbol,
        INamedTypeSymbol attributeType,
        System.Action<Diagnostic> report,
        System.Threading.CancellationToken cancellationToken)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!ToolCompilationContext.Is(attribute.AttributeClass, attributeType))
                continue;

            var declaration = new PublicToolDeclaration(attribute);
            if (!declaration.HasConstantArgument(0))
                continue;

            var problem = declaration.Justification?.Trim() switch
            {
                null or "" => "has no justification",
                JustificationPlaceholder => "still has the placeholder justification",
                _ => null,
            };
            if (problem is not null && declaration.GetArgumentLocation(0, cancellationToken) is { } location)
            {
                var isLambda = symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction };
                var name = isLambda ? "lambda" : symbol.Name;
                report(Diagnostic.Create(Rule, location, name, problem));
            }
        }
    }
}

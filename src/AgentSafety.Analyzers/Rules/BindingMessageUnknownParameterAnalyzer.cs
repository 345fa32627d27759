using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4005: a binding message placeholder that names no parameter.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingMessageUnknownParameterAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.BindingMessageUnknownParameter,
        title: "Binding message names an unknown parameter",
        messageFormat: "Binding message placeholder '{{{0}}}' names no parameter of '{1}'",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "Each {name} in a [RequiresApproval] binding message is replaced by the argument of that " +
            "parameter, so the person approving sees what they approve. A placeholder that names no parameter " +
            "renders empty, and the approval request no longer says what it is for.");

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
        if (context.Declaration.Approval is not { BindingMessage: { } message } approval)
            return;

        foreach (var placeholder in BindingMessageTemplate.Parse(message).Placeholders)
        {
            if (RelationParameters.Find(context.Method, placeholder) is not null)
                continue;

            if (approval.GetArgumentLocation(0, context.CancellationToken) is { } location)
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, placeholder, context.Method.Name));
        }
    }
}

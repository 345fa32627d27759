using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4006: a binding message that providers would cut or strip.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingMessageExceedsProviderLimitsAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.BindingMessageExceedsProviderLimits,
        title: "Binding message exceeds what approval providers accept",
        messageFormat: "Binding message {0}",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "CIBA providers accept short binding messages (Auth0: 64 characters of letters, digits, " +
            "space and '+-_.,:#'). AgentSafety cuts longer messages and drops other characters, so the person " +
            "approving would read something other than what was written.");

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
        if (context.Declaration.Approval is not { BindingMessage: { } message } approval ||
            approval.GetArgumentLocation(0, context.CancellationToken) is not { } location)
        {
            return;
        }

        var literal = BindingMessageTemplate.Parse(message).LiteralText;
        if (literal.Trim().Length == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule, location, "has no text of its own, so the person approving is not told what the action is"));
        }

        if (literal.Length > BindingMessageTemplate.MaxLength)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                location,
                $"is {literal.Length} characters long without its placeholders; providers accept " +
                $"{BindingMessageTemplate.MaxLength}"));
        }

        foreach (var c in literal)
        {
            if (!BindingMessageTemplate.IsAllowed(c))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule, location, $"contains '{c}', which providers do not accept and AgentSafety removes"));
                return;
            }
        }
    }
}

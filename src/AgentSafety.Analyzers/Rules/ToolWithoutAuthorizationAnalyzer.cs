using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS1001: an agent tool that says nothing about who may call it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ToolWithoutAuthorizationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property carrying the tool name for the code fix; absent when the name is not known.</summary>
    public const string ToolNameProperty = "ToolName";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ToolWithoutAuthorization,
        title: "Agent tool has no authorization declaration",
        messageFormat: "Agent tool '{0}' declares no authorization: add a requirement such as " +
            "[RequiresPermission], or [PublicTool] with a justification",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "Every tool an LLM can call is an authorization checkpoint. A tool without a requirement " +
            "attribute runs for whoever drives the model, including a prompt injected into its context.");

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
                start.RegisterToolAction(tools, AnalyzeTool);
        });
    }

    private static void AnalyzeTool(ToolAnalysisContext context)
    {
        var tool = context.Tool;
        if (tool.Declaration.HasAgentSafetyDeclaration)
            return;

        if (tool.Shape == ToolShape.McpServerTool && tool.Declaration.HasAspNetAuthorization)
            return;

        // An attributed method handed to a factory is reported once, where it is declared.
        if (tool.Shape == ToolShape.FactoryTarget &&
            tool.Method is { } method &&
            ToolRecognizer.GetAttributedShape(method, context.Tools) is not null)
        {
            return;
        }

        var properties = tool.Name is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(ToolNameProperty, tool.Name);
        var displayName = tool.Name ?? "lambda";
        context.ReportDiagnostic(Diagnostic.Create(Rule, tool.Location, properties, displayName));
    }
}

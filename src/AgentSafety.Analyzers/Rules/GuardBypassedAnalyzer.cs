using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS1005: a method with requirements registered through a factory that does not enforce them.</summary>
/// <remarks>
/// A <c>[KernelFunction]</c> or <c>[McpServerTool]</c> method with requirements that its framework discovers on its
/// own (<c>KernelPluginFactory.CreateFromType</c>, <c>WithTools&lt;T&gt;()</c>) is not reported: the discovery call
/// names the type, not the method, and is not followed.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GuardBypassedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.GuardBypassed,
        title: "Tool with requirements is registered without its guard",
        messageFormat: "'{0}' declares requirements, but {1} registers it without the guard that enforces them; " +
            "register the generated tool from CreateGuardedTools instead",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "Requirement attributes are enforced only by the guarded AIFunction the generator writes. " +
            "AIFunctionFactory.Create, McpServerTool.Create and KernelFunctionFactory.CreateFromMethod read the " +
            "method directly, so the model can call it with no permission, relationship or approval check at all, " +
            "while the attributes suggest otherwise.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is { } tools && tools.ReferencesAgentSafety)
                start.RegisterToolAction(tools, AnalyzeTool);
        });
    }

    private static void AnalyzeTool(ToolAnalysisContext context)
    {
        var tool = context.Tool;
        if (tool.Shape != ToolShape.FactoryTarget || tool.Method is not { } method ||
            !tool.Declaration.HasOwnRequirements)
        {
            return;
        }

        var name = method.MethodKind == MethodKind.AnonymousFunction ? "lambda" : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(Rule, tool.Location, name, FactoryName(tool.Factory)));
    }

    private static string FactoryName(ToolFactory factory) => factory switch
    {
        ToolFactory.AIFunctionFactory => "AIFunctionFactory.Create",
        ToolFactory.McpServerTool => "McpServerTool.Create",
        _ => "KernelFunctionFactory.CreateFromMethod",
    };
}

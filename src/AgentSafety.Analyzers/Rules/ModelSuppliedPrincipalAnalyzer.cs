using System.Collections.Concurrent;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS1002: a principal parameter that the model fills.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelSuppliedPrincipalAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ModelSuppliedPrincipal,
        title: "Tool takes the acting user from the model",
        messageFormat: "Parameter '{0}' of tool '{1}' is a {2} that the model fills from its arguments; take the " +
            "signed-in user from the host, through AgentSafety's guarded tools or an accessor",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "Microsoft.Extensions.AI and Semantic Kernel bind a ClaimsPrincipal, ClaimsIdentity or " +
            "ToolPrincipal parameter like any other: it appears in the tool's JSON schema and its value comes from " +
            "the model. Whoever steers the model then chooses whose rights the tool acts with. The MCP SDK, and " +
            "AgentSafety's generated tools, inject the principal instead.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { } tools)
                return;

            // A method registered twice, or both attributed and registered, is reported once per parameter.
            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterToolAction(tools, context => AnalyzeTool(context, reported));
        });
    }

    private static void AnalyzeTool(ToolAnalysisContext context, ConcurrentDictionary<Location, bool> reported)
    {
        var tool = context.Tool;
        if (tool.Method is not { } method || !ToolParameters.ModelFillsPrincipal(tool))
            return;

        foreach (var parameter in method.Parameters)
        {
            if (!ToolParameters.IsPrincipalType(parameter.Type, context.Tools) || parameter.Locations.Length == 0)
                continue;

            var location = parameter.Locations[0];
            if (location.IsInSource && reported.TryAdd(location, true))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule, location, parameter.Name, tool.Name ?? "lambda", parameter.Type.Name));
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS1007: an MCP server project whose tools carry <c>[Authorize]</c> but which never calls
/// <c>AddAuthorizationFilters()</c>. A project is taken as the server when it calls <c>AddMcpServer</c>; a library
/// that only declares tools is not reported, since its host may add the filters.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class McpAuthorizationFiltersMissingAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.McpAuthorizationFiltersMissing,
        title: "MCP tool has [Authorize] but the server never adds the authorization filters",
        messageFormat: "MCP tool '{0}' carries [Authorize], but this server never calls AddAuthorizationFilters(), " +
            "so the attribute is not enforced",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "The MCP SDK enforces [Authorize] on tools only through the filters that " +
            "AddAuthorizationFilters() registers on the server builder. Without them the attribute is metadata " +
            "that nothing reads, and every caller can use the tool.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { McpServerToolAttribute: not null } tools ||
                tools.AuthorizeAttribute is null)
            {
                return;
            }

            var authorizedTools = new ConcurrentBag<AgentTool>();
            var calls = new ConcurrentDictionary<string, bool>();
            start.RegisterTreeToolsAction(tools, context =>
            {
                foreach (var tool in context.Found.Tools)
                {
                    if (tool is { Shape: ToolShape.McpServerTool, Declaration.Authorize: not null })
                        authorizedTools.Add(tool);
                }

                foreach (var call in context.Found.SetupCalls)
                {
                    if (call.TargetMethod.Name is WellKnownNames.AddMcpServer or WellKnownNames.AddAuthorizationFilters)
                        calls.TryAdd(call.TargetMethod.Name, true);
                }
            });
            start.RegisterCompilationEndAction(context =>
            {
                if (!calls.ContainsKey(WellKnownNames.AddMcpServer) ||
                    calls.ContainsKey(WellKnownNames.AddAuthorizationFilters))
                    return;

                foreach (var tool in authorizedTools)
                    context.ReportDiagnostic(Diagnostic.Create(Rule, tool.Location, tool.Name));
            });
        });
    }
}

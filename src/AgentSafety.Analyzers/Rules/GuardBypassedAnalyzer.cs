using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS1005: a method with requirements registered through a factory that does not enforce them, either by name
/// (<c>AIFunctionFactory.Create</c>, <c>McpServerTool.Create</c>, <c>KernelFunctionFactory.CreateFromMethod</c>) or
/// by a framework call that discovers a type's attributed methods (<c>WithTools&lt;T&gt;()</c>,
/// <c>WithToolsFromAssembly()</c>, <c>AddFromType&lt;T&gt;()</c>, <c>ImportPluginFromObject(obj)</c> and their kin).
/// </summary>
/// <remarks>
/// A discovery call is followed when its type is known at compile time: a type argument, a <c>typeof</c> argument or
/// the static type of the object passed; for <c>WithToolsFromAssembly</c>, the assembly when none is passed (the
/// calling one), or <c>typeof(T).Assembly</c>, or <c>Assembly.GetExecutingAssembly()</c>.
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
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { ReferencesAgentSafety: true } tools)
                return;

            start.RegisterToolAction(tools, AnalyzeTool);
            start.RegisterTreeToolsAction(tools, context =>
            {
                foreach (var call in context.Found.SetupCalls)
                    AnalyzeDiscovery(context, call);
            });
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

    private static void AnalyzeDiscovery(TreeToolsAnalysisContext context, IInvocationOperation call)
    {
        var tools = context.Tools;
        var attribute = FrameworkDiscovery.ToolAttribute(call.TargetMethod, tools);
        if (attribute is null ||
            FrameworkDiscovery.DiscoveredTypes(call, context.Tools.Compilation) is not { Count: > 0 } types)
            return;

        var location = FrameworkDiscovery.NameLocation(call);
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol method || !HasAttribute(method, attribute) ||
                    !ToolDeclaration.Read(method, tools).HasOwnRequirements)
                {
                    continue;
                }

                var registration = FrameworkDiscovery.Registration(call, type);
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, method.Name, registration));
            }
        }
    }

    private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol attributeType)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (ToolCompilationContext.DerivesFrom(attribute.AttributeClass, attributeType))
                return true;
        }

        return false;
    }

    private static string FactoryName(ToolFactory factory) => factory switch
    {
        ToolFactory.AIFunctionFactory => "AIFunctionFactory.Create",
        ToolFactory.McpServerTool => "McpServerTool.Create",
        _ => "KernelFunctionFactory.CreateFromMethod",
    };
}

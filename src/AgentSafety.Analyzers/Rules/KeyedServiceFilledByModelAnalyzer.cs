using System.Collections.Concurrent;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS1004: a [FromKeyedServices] parameter that the tool factory leaves to the model.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyedServiceFilledByModelAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.KeyedServiceFilledByModel,
        title: "Keyed service parameter is filled by the model",
        messageFormat: "Parameter '{0}' is marked [FromKeyedServices], which {1} ignores: the parameter is in " +
            "the tool's schema and the model fills it",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "AIFunctionFactory and the AgentSafety generator do not resolve [FromKeyedServices] " +
            "parameters from dependency injection. The parameter is published to the model like any argument, so " +
            "the model chooses the object the tool works with (a connection, a client, a repository) or the call " +
            "fails to bind. Resolve the service from IServiceProvider or the constructor instead.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(ToolAnalysisExtensions.GeneratedCodeFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { } tools ||
                tools.FromKeyedServicesAttribute is null)
            {
                return;
            }

            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterToolAction(tools, context =>
            {
                if (context.Tool is { Factory: ToolFactory.AIFunctionFactory, Method: { } method })
                    Check(method, "AIFunctionFactory", tools, reported, context.ReportDiagnostic);
            });
            start.RegisterRequirementAction(tools, context =>
            {
                if (context.Declaration.HasOwnRequirements)
                    Check(context.Method, "the AgentSafety generator", tools, reported, context.ReportDiagnostic);
            });
        });
    }

    private static void Check(
        IMethodSymbol method,
        string factory,
        ToolCompilationContext tools,
        ConcurrentDictionary<Location, bool> reported,
        System.Action<Diagnostic> report)
    {
        foreach (var parameter in method.Parameters)
        {
            if (ToolParameters.FromKeyedServices(parameter, tools) is null || parameter.Locations.Length == 0)
                continue;

            var location = parameter.Locations[0];
            if (location.IsInSource && reported.TryAdd(location, true))
                report(Diagnostic.Create(Rule, location, parameter.Name, factory));
        }
    }
}

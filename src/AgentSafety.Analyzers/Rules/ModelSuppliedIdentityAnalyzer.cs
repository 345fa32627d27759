using System.Collections.Concurrent;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS1003: a tool parameter named for the user or their rights (userId, email, tenantId, role, isAdmin) whose
/// value decides an authorization check, a query filter or a relationship check.
/// </summary>
/// <remarks>
/// Whether a method is a tool can be known only once every factory call is seen, and a method's body only in its
/// own operation block, so uses are collected as bodies are analysed and reported at the end of the compilation.
/// The rule therefore shows on a build or a full-solution analysis, not while typing.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelSuppliedIdentityAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ModelSuppliedIdentity,
        title: "Tool takes the user's identity or rights from the model",
        messageFormat: "Tool parameter '{0}' is filled by the model but decides {1}; take the user's identity " +
            "and rights from the signed-in principal instead",
        RuleCategories.Authorization,
        DiagnosticSeverity.Warning,
        description: "A parameter such as userId, email, tenantId, role or isAdmin is written by the model, and " +
            "the model writes what its context tells it to, including an injected prompt. When that value decides " +
            "who is authorized, which rows a query returns or whose relationship is checked, anyone who can steer " +
            "the model acts as any user. Read the identity from the principal the host signed in.",
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
            if (ToolCompilationContext.Create(start.Compilation) is not { } tools)
                return;

            var state = new State();
            start.RegisterToolAction(tools, context => state.AddTool(context.Tool.Method, context.Tool.Declaration));
            start.RegisterRequirementAction(tools, context => state.AddTool(context.Method, context.Declaration));
            start.RegisterOperationAction(
                context => state.AddUse((IParameterReferenceOperation)context.Operation),
                OperationKind.ParameterReference);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private sealed class State
    {
        // Keyed by the parameter's declaration: a lambda's symbol may differ between the operation trees that
        // see it, its location does not.
        private readonly ConcurrentDictionary<Location, IParameterSymbol> _toolParameters = new();
        private readonly ConcurrentDictionary<Location, string> _uses = new();

        public void AddTool(IMethodSymbol? method, ToolDeclaration declaration)
        {
            if (method is null)
                return;

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Locations.Length == 0 || !parameter.Locations[0].IsInSource ||
                    !IdentityParameters.IsIdentityName(parameter.Name) || IsCheckedObject(parameter, declaration))
                {
                    continue;
                }

                _toolParameters.TryAdd(parameter.Locations[0], parameter);
            }
        }

        public void AddUse(IParameterReferenceOperation reference)
        {
            var parameter = reference.Parameter;
            if (parameter.Locations.Length == 0 || !IdentityParameters.IsIdentityName(parameter.Name))
                return;

            if (IdentityParameters.ClassifyUse(reference) is { } use)
                _uses.TryAdd(parameter.Locations[0], use);
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var entry in _toolParameters)
            {
                if (_uses.TryGetValue(entry.Key, out var use))
                    context.ReportDiagnostic(Diagnostic.Create(Rule, entry.Key, entry.Value.Name, use));
            }
        }

        // The object of a [RequiresRelation] is checked against the signed-in user before the tool runs, so the
        // model choosing it is the point of the check, not a fault.
        private static bool IsCheckedObject(IParameterSymbol parameter, ToolDeclaration declaration)
        {
            foreach (var relation in declaration.Relations)
            {
                if (relation.ParameterName == parameter.Name)
                    return true;
            }

            return false;
        }
    }
}

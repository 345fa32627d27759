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
/// Reported from the file where the tool is found. A factory call in one file registering a method of another
/// reports on the method's parameter, which an IDE shows on a build or a full-solution analysis.
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
        isEnabledByDefault: true);

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

            // A method can be a tool twice (attributed and registered) and carry requirements as well.
            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterToolAction(tools, context => Analyze(
                context.Tool.Method, context.Tool.Declaration, context.SemanticModel, reported,
                context.ReportDiagnostic, context.CancellationToken));
            start.RegisterRequirementAction(tools, context => Analyze(
                context.Method, context.Declaration, context.SemanticModel, reported, context.ReportDiagnostic,
                context.CancellationToken));
        });
    }

    private static void Analyze(
        IMethodSymbol? method,
        ToolDeclaration declaration,
        SemanticModel model,
        ConcurrentDictionary<Location, bool> reported,
        System.Action<Diagnostic> report,
        System.Threading.CancellationToken cancel)
    {
        if (method is null || !HasIdentityParameter(method, declaration))
            return;

        if (FunctionBodies.Find(method, model, cancel) is not { } body)
            return;

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IParameterReferenceOperation reference ||
                !IsToolParameter(reference.Parameter, method, declaration) ||
                IdentityParameters.ClassifyUse(reference) is not { } use)
            {
                continue;
            }

            var location = reference.Parameter.Locations[0];
            if (reported.TryAdd(location, true))
                report(Diagnostic.Create(Rule, location, reference.Parameter.Name, use));
        }
    }

    private static bool HasIdentityParameter(IMethodSymbol method, ToolDeclaration declaration)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsToolParameter(parameter, method, declaration))
                return true;
        }

        return false;
    }

    // By location: a lambda's symbol may differ between the operation trees that see it, its location does not.
    private static bool IsDeclaredBy(IParameterSymbol parameter, IMethodSymbol method) =>
        parameter.ContainingSymbol is { Locations: { Length: > 0 } own } &&
        method.Locations.Length > 0 &&
        own[0].Equals(method.Locations[0]);

    // The object of a [RequiresRelation] is checked against the signed-in user before the tool runs, so the model
    // choosing it is the point of the check, not a fault.
    private static bool IsToolParameter(IParameterSymbol parameter, IMethodSymbol method, ToolDeclaration declaration)
    {
        if (parameter.Locations.Length == 0 || !parameter.Locations[0].IsInSource ||
            !IdentityParameters.IsIdentityName(parameter.Name) ||
            !IsDeclaredBy(parameter, method))
        {
            return false;
        }

        foreach (var relation in declaration.Relations)
        {
            if (relation.ParameterName == parameter.Name)
                return false;
        }

        return true;
    }
}

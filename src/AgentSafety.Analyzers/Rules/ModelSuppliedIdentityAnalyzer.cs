using System.Collections.Concurrent;
using System.Collections.Generic;
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
public sealed partial class ModelSuppliedIdentityAnalyzer : DiagnosticAnalyzer
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

    private static readonly IReadOnlyDictionary<Location, string> NoUses = new Dictionary<Location, string>();

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

            // No operation-block action fills this cache: a body is bound when a tool with an identity-named
            // parameter asks for it, which few tools do, so the rule costs almost nothing in code without them.
            var compilation = start.Compilation;
            var helpers = new HelperDecisions(compilation);
            var uses = new MemberBodyCache<IReadOnlyDictionary<Location, string>>(
                (blocks, _) => ReadUses(blocks, helpers));

            // A method can be a tool twice (attributed and registered) and carry requirements as well.
            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterToolAction(tools, context => Analyze(
                context.Tool.Method, context.Tool.Declaration, method => Uses(method, context.SemanticModel),
                reported, context.ReportDiagnostic));
            start.RegisterRequirementAction(tools, context => Analyze(
                context.Method, context.Declaration, method => Uses(method, context.SemanticModel), reported,
                context.ReportDiagnostic));

            IReadOnlyDictionary<Location, string>? Uses(IMethodSymbol method, SemanticModel model) =>
                method.DeclaringSyntaxReferences is { Length: > 0 } references
                    ? uses.For(references[0].GetSyntax(), compilation, model, default)
                    : null;
        });
    }

    // Per parameter declaration, the first use of an identity-named parameter that decides access.
    private static IReadOnlyDictionary<Location, string> ReadUses(
        IReadOnlyList<IOperation> blocks, HelperDecisions helpers)
    {
        var uses = new Dictionary<Location, string>();
        var children = new List<IOperation>();
        var pending = new Stack<IOperation>();
        for (var index = blocks.Count - 1; index >= 0; index--)
            pending.Push(blocks[index]);

        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation.Kind == OperationKind.ParameterReference)
                AddUse((IParameterReferenceOperation)operation, uses, helpers);

            // Pushed last to first, so that a parameter's first use in source order is the one kept.
            children.Clear();
            children.AddRange(operation.ChildOperations);
            for (var index = children.Count - 1; index >= 0; index--)
                pending.Push(children[index]);
        }

        return uses;
    }

    private static void AddUse(
        IParameterReferenceOperation reference, Dictionary<Location, string> uses, HelperDecisions helpers)
    {
        var parameter = reference.Parameter;
        if (parameter.Locations.Length > 0 && IdentityParameters.IsIdentityName(parameter.Name) &&
            !uses.ContainsKey(parameter.Locations[0]) &&
            IdentityParameters.ClassifyUse(reference, argument => helpers.Decides(argument, 1)) is { } use)
        {
            uses.Add(parameter.Locations[0], use);
        }
    }

    private static void Analyze(
        IMethodSymbol? method,
        ToolDeclaration declaration,
        System.Func<IMethodSymbol, IReadOnlyDictionary<Location, string>?> readUses,
        ConcurrentDictionary<Location, bool> reported,
        System.Action<Diagnostic> report)
    {
        if (method is null)
            return;

        // The body is read only for a tool with an identity-named parameter; most tools have none.
        IReadOnlyDictionary<Location, string>? uses = null;
        foreach (var parameter in method.Parameters)
        {
            if (!IsToolParameter(parameter, declaration))
                continue;

            uses ??= readUses(method) ?? NoUses;
            if (!uses.TryGetValue(parameter.Locations[0], out var use))
                continue;

            if (reported.TryAdd(parameter.Locations[0], true))
                report(Diagnostic.Create(Rule, parameter.Locations[0], parameter.Name, use));
        }
    }

    // The object of a [RequiresRelation] is checked against the signed-in user before the tool runs, so the model
    // choosing it is the point of the check, not a fault.
    private static bool IsToolParameter(IParameterSymbol parameter, ToolDeclaration declaration)
    {
        if (parameter.Locations.Length == 0 || !parameter.Locations[0].IsInSource ||
            !IdentityParameters.IsIdentityName(parameter.Name))
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

using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>AS4004: a permission, relation or object type that no store can hold.</summary>
/// <remarks>
/// Permissions are checked only for being empty or holding white space, not against OpenFGA's name rules: they are
/// RBAC permissions and OAuth scopes such as <c>calendar:read</c> or a URL, which contain ':' and '/'.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidRequirementNameAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.InvalidRequirementName,
        title: "Requirement names a permission, relation or type that cannot exist",
        messageFormat: "The {0} '{1}' can never be granted: {2}",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "A permission must be a non-empty string without white space. OpenFGA relation and type names " +
            "start with a letter or digit and hold only letters, digits and '_ - . /' (relations at most 50 " +
            "characters, types at most 254). A requirement on any other name can never hold, so the tool is " +
            "denied to everyone, or the name was a typo for a real one.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { } tools || !tools.ReferencesAgentSafety)
                return;

            start.RegisterRequirementAction(tools, AnalyzeMethod);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, tools), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeMethod(RequirementAnalysisContext context)
    {
        foreach (var permission in context.Declaration.Permissions)
        {
            if (!permission.IsOnContainingType)
                CheckPermission(permission, context.ReportDiagnostic, context.CancellationToken);
        }

        foreach (var relation in context.Declaration.Relations)
        {
            Check(relation, RelationRequirement.RelationArgument, "relation", relation.Relation,
                OpenFgaNames.MaxRelationLength, context);
            Check(relation, RelationRequirement.ObjectTypeArgument, "object type", relation.ObjectType,
                OpenFgaNames.MaxTypeLength, context);
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ToolCompilationContext tools)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (ToolCompilationContext.Is(attribute.AttributeClass, tools.RequiresPermissionAttribute))
            {
                var permission = new PermissionRequirement(attribute, isOnContainingType: false);
                CheckPermission(permission, context.ReportDiagnostic, context.CancellationToken);
            }
        }
    }

    private static void CheckPermission(
        PermissionRequirement permission,
        System.Action<Diagnostic> report,
        System.Threading.CancellationToken cancellationToken)
    {
        if (!permission.HasConstantArgument(0))
            return;

        var problem = permission.Permission switch
        {
            null or "" => "it is empty",
            var value when HasWhiteSpace(value) => "it contains white space",
            _ => null,
        };
        if (problem is not null && permission.GetArgumentLocation(0, cancellationToken) is { } location)
            report(Diagnostic.Create(Rule, location, "permission", permission.Permission ?? "", problem));
    }

    private static void Check(
        RelationRequirement relation,
        int argument,
        string kind,
        string? value,
        int maxLength,
        RequirementAnalysisContext context)
    {
        if (!relation.HasConstantArgument(argument) || OpenFgaNames.IsValid(value, maxLength))
            return;

        var problem = string.IsNullOrEmpty(value)
            ? "it is empty"
            : value!.Length > maxLength
                ? $"it is longer than {maxLength} characters"
                : "OpenFGA names start with a letter or digit and hold only letters, digits and '_ - . /'";
        if (relation.GetArgumentLocation(argument, context.CancellationToken) is { } location)
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, kind, value ?? "", problem));
    }

    private static bool HasWhiteSpace(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                return true;
        }

        return false;
    }
}

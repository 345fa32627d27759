using System.Collections.Immutable;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Rules;

/// <summary>
/// AS4008: a method with requirements, in partial types, that the generator still cannot guard. It mirrors the
/// generator's own conditions, so a method it skips in silence is always explained here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequirementsCannotBeGeneratedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.RequirementsCannotBeGenerated,
        title: "Method with requirements cannot be turned into a guarded tool",
        messageFormat: "'{0}' declares requirements, but no guarded tool can be generated for it: {1}",
        RuleCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "The generator guards non-private, non-generic ordinary methods whose parameters are passed " +
            "by value, and injects AccessToken parameters only when they carry [DelegatedToken]. It skips any " +
            "other method, so its requirements are declared but nothing enforces them.");

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
                start.RegisterRequirementAction(tools, Analyze);
        });
    }

    private static void Analyze(RequirementAnalysisContext context)
    {
        var method = context.Method;
        if (!context.Declaration.HasOwnRequirements || method.Locations.Length == 0)
            return;

        if (Problem(method, context.Declaration, context.Tools) is { } problem)
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], method.Name, problem));
    }

    private static string? Problem(IMethodSymbol method, ToolDeclaration declaration, ToolCompilationContext tools)
    {
        if (method.MethodKind != MethodKind.Ordinary)
            return "it is not an ordinary method";

        if (method.IsGenericMethod)
            return "it is generic";

        if (method.DeclaredAccessibility == Accessibility.Private)
            return "it is private";

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
                return $"parameter '{parameter.Name}' is passed by reference";

            var isToken = ToolCompilationContext.Is(parameter.Type, tools.AccessToken);
            if (isToken && !HasDelegatedToken(parameter, declaration))
                return $"AccessToken parameter '{parameter.Name}' has no [DelegatedToken] saying which token to get";
        }

        return null;
    }

    private static bool HasDelegatedToken(IParameterSymbol parameter, ToolDeclaration declaration)
    {
        foreach (var token in declaration.DelegatedTokens)
        {
            if (SymbolEqualityComparer.Default.Equals(token.Parameter, parameter))
                return true;
        }

        return false;
    }
}

using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>What an analyzer's tool action receives: one tool and a way to report about it.</summary>
internal readonly struct ToolAnalysisContext
{
    private readonly Action<Diagnostic> _reportDiagnostic;

    public ToolAnalysisContext(
        AgentTool tool,
        ToolCompilationContext tools,
        AnalyzerOptions options,
        Action<Diagnostic> reportDiagnostic,
        System.Threading.CancellationToken cancellationToken)
    {
        Tool = tool;
        Tools = tools;
        Options = options;
        _reportDiagnostic = reportDiagnostic;
        CancellationToken = cancellationToken;
    }

    public AgentTool Tool { get; }

    public ToolCompilationContext Tools { get; }

    public AnalyzerOptions Options { get; }

    public System.Threading.CancellationToken CancellationToken { get; }

    public void ReportDiagnostic(Diagnostic diagnostic) => _reportDiagnostic(diagnostic);
}

/// <summary>Registers one callback that runs for every agent tool, whatever its shape.</summary>
internal static class ToolAnalysisExtensions
{
    /// <summary>
    /// Calls <paramref name="action"/> once for each declared tool (<c>[KernelFunction]</c>, <c>[McpServerTool]</c>,
    /// <c>AIFunction</c> subclass) and once for each factory call whose target is statically known. A method both
    /// attributed and passed to a factory is seen twice, once per shape; analyzers that report on the method
    /// itself skip the factory shape in that case (see <see cref="ToolRecognizer.GetAttributedShape"/>).
    /// </summary>
    public static void RegisterToolAction(
        this CompilationStartAnalysisContext context,
        ToolCompilationContext tools,
        Action<ToolAnalysisContext> action)
    {
        if (!tools.ReferencesAgentFramework)
            return;

        context.RegisterSymbolAction(
            symbolContext =>
            {
                var tool = symbolContext.Symbol switch
                {
                    IMethodSymbol method => ToolRecognizer.FromAttributedMethod(method, tools),
                    INamedTypeSymbol type => ToolRecognizer.FromAIFunctionSubclass(type, tools),
                    _ => null,
                };
                if (tool is not null)
                {
                    action(new ToolAnalysisContext(
                        tool,
                        tools,
                        symbolContext.Options,
                        symbolContext.ReportDiagnostic,
                        symbolContext.CancellationToken));
                }
            },
            SymbolKind.Method,
            SymbolKind.NamedType);

        context.RegisterOperationAction(
            operationContext =>
            {
                var invocation = (IInvocationOperation)operationContext.Operation;
                if (ToolRecognizer.FromFactoryCall(invocation, tools) is { } tool)
                {
                    action(new ToolAnalysisContext(
                        tool,
                        tools,
                        operationContext.Options,
                        operationContext.ReportDiagnostic,
                        operationContext.CancellationToken));
                }
            },
            OperationKind.Invocation);
    }
}

/// <summary>What a requirement action receives: a method that carries AgentSafety attributes.</summary>
internal readonly struct RequirementAnalysisContext
{
    private readonly SymbolAnalysisContext _context;

    public RequirementAnalysisContext(
        SymbolAnalysisContext context,
        IMethodSymbol method,
        ToolDeclaration declaration,
        ToolCompilationContext tools)
    {
        _context = context;
        Method = method;
        Declaration = declaration;
        Tools = tools;
    }

    public IMethodSymbol Method { get; }

    public ToolDeclaration Declaration { get; }

    public ToolCompilationContext Tools { get; }

    public AnalyzerOptions Options => _context.Options;

    public System.Threading.CancellationToken CancellationToken => _context.CancellationToken;

    public void ReportDiagnostic(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);
}

/// <summary>Registers one callback for every method that carries AgentSafety attributes of its own.</summary>
internal static class RequirementAnalysisExtensions
{
    /// <summary>
    /// Calls <paramref name="action"/> for each source method (lambdas and local functions excluded, as the
    /// generator never sees them) with a requirement, <c>[PublicTool]</c> or <c>[DelegatedToken]</c> of its own,
    /// whether or not it is registered as a tool anywhere.
    /// </summary>
    public static void RegisterRequirementAction(
        this CompilationStartAnalysisContext context,
        ToolCompilationContext tools,
        Action<RequirementAnalysisContext> action)
    {
        if (!tools.ReferencesAgentSafety)
            return;

        context.RegisterSymbolAction(
            symbolContext =>
            {
                var method = (IMethodSymbol)symbolContext.Symbol;
                if (!HasAnyAttribute(method))
                    return;

                var declaration = ToolDeclaration.Read(method, tools);
                if (declaration.HasOwnRequirements ||
                    declaration.DelegatedTokens.Length > 0 ||
                    (declaration.PublicTool is not null && HasOwnAttribute(method, tools.PublicToolAttribute)))
                {
                    action(new RequirementAnalysisContext(symbolContext, method, declaration, tools));
                }
            },
            SymbolKind.Method);
    }

    // Every condition above needs an attribute on the method or a parameter; most methods have none, and this
    // check is far cheaper than reading the declaration.
    private static bool HasAnyAttribute(IMethodSymbol method)
    {
        if (method.GetAttributes().Length > 0)
            return true;

        foreach (var parameter in method.Parameters)
        {
            if (parameter.GetAttributes().Length > 0)
                return true;
        }

        return false;
    }

    private static bool HasOwnAttribute(IMethodSymbol method, INamedTypeSymbol? attributeType)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (ToolCompilationContext.Is(attribute.AttributeClass, attributeType))
                return true;
        }

        return false;
    }
}

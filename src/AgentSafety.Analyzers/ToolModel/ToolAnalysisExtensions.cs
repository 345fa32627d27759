using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>What an analyzer's tool action receives: one tool and a way to report about it.</summary>
internal readonly struct ToolAnalysisContext
{
    private readonly Action<Diagnostic> _reportDiagnostic;

    public ToolAnalysisContext(
        AgentTool tool,
        ToolCompilationContext tools,
        SemanticModel semanticModel,
        AnalyzerOptions options,
        Action<Diagnostic> reportDiagnostic,
        System.Threading.CancellationToken cancellationToken)
    {
        Tool = tool;
        Tools = tools;
        SemanticModel = semanticModel;
        Options = options;
        _reportDiagnostic = reportDiagnostic;
        CancellationToken = cancellationToken;
    }

    public AgentTool Tool { get; }

    public ToolCompilationContext Tools { get; }

    /// <summary>The model of the file the tool is reported in (<see cref="AgentTool.Location"/>).</summary>
    public SemanticModel SemanticModel { get; }

    public AnalyzerOptions Options { get; }

    public System.Threading.CancellationToken CancellationToken { get; }

    public void ReportDiagnostic(Diagnostic diagnostic) => _reportDiagnostic(diagnostic);
}

/// <summary>What an analyzer's file action receives: everything the shared index found in one file.</summary>
internal readonly struct TreeToolsAnalysisContext
{
    private readonly SemanticModelAnalysisContext _context;

    public TreeToolsAnalysisContext(SemanticModelAnalysisContext context, TreeTools found, ToolCompilationContext tools)
    {
        _context = context;
        Found = found;
        Tools = tools;
    }

    public TreeTools Found { get; }

    public ToolCompilationContext Tools { get; }

    public SemanticModel SemanticModel => _context.SemanticModel;

    public AnalyzerOptions Options => _context.Options;

    public System.Threading.CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>
    /// Reports <paramref name="diagnostic"/> unless it falls in generated code. Analyzers built on the index leave
    /// that check to <see cref="GeneratedCodeFilter"/> rather than to the compiler (see
    /// <see cref="ToolAnalysisExtensions.GeneratedCodeFlags"/>).
    /// </summary>
    public void ReportDiagnostic(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (location.SourceTree is { } tree)
        {
            var generatedFile = tree == SemanticModel.SyntaxTree
                ? Found.IsGeneratedFile(tree, Options)
                : GeneratedCodeFilter.IsGeneratedFile(tree, Options);
            if (generatedFile || GeneratedCodeFilter.InGeneratedDeclaration(location, SemanticModel))
                return;
        }

        _context.ReportDiagnostic(diagnostic);
    }
}

/// <summary>
/// Registers callbacks on the shared <see cref="ToolIndex"/>: one per file, one per tool, one per method with
/// requirements. They run as semantic-model actions, so an IDE shows their diagnostics as the file is edited.
/// </summary>
internal static class ToolAnalysisExtensions
{
    /// <summary>
    /// What an analyzer that reports only through the index's actions passes to
    /// <see cref="AnalysisContext.ConfigureGeneratedCodeAnalysis"/>: the compiler still skips generated files and
    /// declarations, and <see cref="TreeToolsAnalysisContext.ReportDiagnostic"/> drops what falls in generated code.
    /// Left to the compiler, that check reads every token of a file on the analyzer's first diagnostic there.
    /// </summary>
    public const GeneratedCodeAnalysisFlags GeneratedCodeFlags = GeneratedCodeAnalysisFlags.ReportDiagnostics;

    /// <summary>Calls <paramref name="action"/> once per source file with what the index found in it.</summary>
    public static void RegisterTreeToolsAction(
        this CompilationStartAnalysisContext context,
        ToolCompilationContext tools,
        Action<TreeToolsAnalysisContext> action)
    {
        var index = ToolIndex.For(context.Compilation);
        context.RegisterSemanticModelAction(modelContext =>
        {
            var found = index.In(modelContext.SemanticModel, modelContext.CancellationToken);
            action(new TreeToolsAnalysisContext(modelContext, found, tools));
        });
    }

    /// <summary>
    /// Calls <paramref name="action"/> once for each declared tool (<c>[KernelFunction]</c>, <c>[McpServerTool]</c>,
    /// <c>AIFunction</c> subclass) and once for each factory call whose target is statically known, in the file
    /// where the tool is reported. A method both attributed and passed to a factory is seen twice, once per shape;
    /// analyzers that report on the method itself skip the factory shape in that case (see
    /// <see cref="ToolRecognizer.GetAttributedShape"/>).
    /// </summary>
    public static void RegisterToolAction(
        this CompilationStartAnalysisContext context,
        ToolCompilationContext tools,
        Action<ToolAnalysisContext> action)
    {
        if (!tools.ReferencesAgentFramework)
            return;

        context.RegisterTreeToolsAction(tools, treeContext =>
        {
            if (treeContext.Found.Tools.IsEmpty)
                return;

            Action<Diagnostic> report = treeContext.ReportDiagnostic;
            foreach (var tool in treeContext.Found.Tools)
            {
                action(new ToolAnalysisContext(
                    tool,
                    tools,
                    treeContext.SemanticModel,
                    treeContext.Options,
                    report,
                    treeContext.CancellationToken));
            }
        });
    }
}

/// <summary>What a requirement action receives: a method that carries AgentSafety attributes.</summary>
internal readonly struct RequirementAnalysisContext
{
    private readonly TreeToolsAnalysisContext _context;

    public RequirementAnalysisContext(TreeToolsAnalysisContext context, RequirementMethod method)
    {
        _context = context;
        Method = method.Method;
        Declaration = method.Declaration;
    }

    public IMethodSymbol Method { get; }

    public ToolDeclaration Declaration { get; }

    public ToolCompilationContext Tools => _context.Tools;

    public SemanticModel SemanticModel => _context.SemanticModel;

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

        context.RegisterTreeToolsAction(tools, treeContext =>
        {
            foreach (var method in treeContext.Found.RequirementMethods)
                action(new RequirementAnalysisContext(treeContext, method));
        });
    }
}

using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>A source method with AgentSafety attributes of its own, and what they declare.</summary>
internal sealed class RequirementMethod
{
    public RequirementMethod(IMethodSymbol method, ToolDeclaration declaration)
    {
        Method = method;
        Declaration = declaration;
    }

    public IMethodSymbol Method { get; }

    public ToolDeclaration Declaration { get; }
}

/// <summary>
/// What one file holds that the rules ask about: its tools, its methods with AgentSafety attributes, its calls to
/// tool factories, the functions that carry attributes and the calls that set up an MCP server. Read in one pass
/// over the syntax tree that binds only candidate nodes: a method or function with attributes, a type with a base
/// list, a call whose name is one a rule cares about. Most of a file is none of these and is never bound here.
/// </summary>
internal sealed class TreeTools
{
    private volatile GeneratedState _generatedFile;

    private enum GeneratedState
    {
        Unknown,
        Handwritten,
        Generated,
    }

    private TreeTools(
        ImmutableArray<AgentTool> tools,
        ImmutableArray<RequirementMethod> requirementMethods,
        ImmutableArray<IInvocationOperation> factoryCalls,
        ImmutableArray<ISymbol> attributedFunctions,
        ImmutableArray<IInvocationOperation> setupCalls)
    {
        Tools = tools;
        RequirementMethods = requirementMethods;
        FactoryCalls = factoryCalls;
        AttributedFunctions = attributedFunctions;
        SetupCalls = setupCalls;
    }

    public static TreeTools Empty { get; } = new(
        ImmutableArray<AgentTool>.Empty, ImmutableArray<RequirementMethod>.Empty,
        ImmutableArray<IInvocationOperation>.Empty, ImmutableArray<ISymbol>.Empty,
        ImmutableArray<IInvocationOperation>.Empty);

    /// <summary>Every tool reported in this file, in source order (see <see cref="AgentTool.Location"/>).</summary>
    public ImmutableArray<AgentTool> Tools { get; }

    /// <summary>Methods declared here with a requirement, <c>[PublicTool]</c> or <c>[DelegatedToken]</c>.</summary>
    public ImmutableArray<RequirementMethod> RequirementMethods { get; }

    /// <summary>Calls to a tool factory, whether or not their target is known at compile time.</summary>
    public ImmutableArray<IInvocationOperation> FactoryCalls { get; }

    /// <summary>Methods, lambdas, local functions and types declared here with attributes of their own.</summary>
    public ImmutableArray<ISymbol> AttributedFunctions { get; }

    /// <summary>
    /// Calls named in <see cref="WellKnownNames.SetupMethodNames"/>: server set-up and framework tool discovery.
    /// </summary>
    public ImmutableArray<IInvocationOperation> SetupCalls { get; }

    /// <summary>
    /// Whether the compiler treats <paramref name="tree"/>, the file this was read from, as generated (see
    /// <see cref="GeneratedCodeFilter.IsGeneratedFile"/>); asked once per file, not once per diagnostic.
    /// </summary>
    public bool IsGeneratedFile(SyntaxTree tree, AnalyzerOptions options)
    {
        // The shared empty instance stands for every file of a compilation without tools, so it keeps no answer.
        if (ReferenceEquals(this, Empty))
            return GeneratedCodeFilter.IsGeneratedFile(tree, options);

        // Racing rules may both compute it; they get the same answer.
        if (_generatedFile == GeneratedState.Unknown)
        {
            _generatedFile = GeneratedCodeFilter.IsGeneratedFile(tree, options)
                ? GeneratedState.Generated
                : GeneratedState.Handwritten;
        }

        return _generatedFile == GeneratedState.Generated;
    }

    /// <summary>Reads the file <paramref name="model"/> binds.</summary>
    public static TreeTools Read(SemanticModel model, ToolCompilationContext context, CancellationToken cancel)
    {
        var reader = new Reader(model, context, cancel);
        foreach (var node in model.SyntaxTree.GetRoot(cancel).DescendantNodes())
            reader.Visit(node);

        return reader.ToTreeTools();
    }

    private sealed class Reader
    {
        private readonly SemanticModel _model;
        private readonly ToolCompilationContext _context;
        private readonly CancellationToken _cancel;
        private readonly ImmutableArray<AgentTool>.Builder _tools = ImmutableArray.CreateBuilder<AgentTool>();
        private readonly ImmutableArray<RequirementMethod>.Builder _requirementMethods =
            ImmutableArray.CreateBuilder<RequirementMethod>();
        private readonly ImmutableArray<IInvocationOperation>.Builder _factoryCalls =
            ImmutableArray.CreateBuilder<IInvocationOperation>();
        private readonly ImmutableArray<ISymbol>.Builder _attributed = ImmutableArray.CreateBuilder<ISymbol>();
        private readonly ImmutableArray<IInvocationOperation>.Builder _setupCalls =
            ImmutableArray.CreateBuilder<IInvocationOperation>();

        public Reader(SemanticModel model, ToolCompilationContext context, CancellationToken cancel)
        {
            _model = model;
            _context = context;
            _cancel = cancel;
        }

        public void Visit(SyntaxNode node)
        {
            switch (node)
            {
                case MethodDeclarationSyntax method when MayCarryAttributes(method):
                    VisitMethod(method);
                    break;
                case TypeDeclarationSyntax type:
                    VisitType(type);
                    break;
                case LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } local:
                    AddAttributed(_model.GetDeclaredSymbol(local, _cancel));
                    break;
                case LambdaExpressionSyntax { AttributeLists.Count: > 0 } lambda:
                    AddAttributed(_model.GetSymbolInfo(lambda, _cancel).Symbol);
                    break;
                case InvocationExpressionSyntax invocation:
                    VisitInvocation(invocation);
                    break;
            }
        }

        public TreeTools ToTreeTools() => new(
            _tools.ToImmutable(), _requirementMethods.ToImmutable(), _factoryCalls.ToImmutable(),
            _attributed.ToImmutable(), _setupCalls.ToImmutable());

        private void VisitMethod(MethodDeclarationSyntax syntax)
        {
            // Attributes of a partial method's two parts are merged onto the defining part, which answers for both.
            if (_model.GetDeclaredSymbol(syntax, _cancel) is not { PartialDefinitionPart: null } method)
                return;

            if (method.GetAttributes().Length > 0)
                _attributed.Add(method);

            var tool = _context.ReferencesAgentFramework ? ToolRecognizer.FromAttributedMethod(method, _context) : null;
            if (tool is not null)
                _tools.Add(tool);

            if (!_context.ReferencesAgentSafety)
                return;

            var declaration = tool?.Declaration ?? ToolDeclaration.Read(method, _context);
            if (IsRequirementMethod(method, declaration))
                _requirementMethods.Add(new RequirementMethod(method, declaration));
        }

        private void VisitType(TypeDeclarationSyntax syntax)
        {
            if (syntax.AttributeLists.Count == 0 && syntax.BaseList is null &&
                !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return;
            }

            if (_model.GetDeclaredSymbol(syntax, _cancel) is not { } type ||
                type.Locations.Length == 0 || type.Locations[0].SourceSpan != syntax.Identifier.Span ||
                type.Locations[0].SourceTree != syntax.SyntaxTree)
            {
                return;
            }

            if (type.GetAttributes().Length > 0)
                _attributed.Add(type);

            if (syntax.BaseList is not null && _context.ReferencesAgentFramework &&
                ToolRecognizer.FromAIFunctionSubclass(type, _context) is { } tool)
            {
                _tools.Add(tool);
            }
        }

        private void VisitInvocation(InvocationExpressionSyntax syntax)
        {
            var name = InvokedName(syntax.Expression);
            var isFactoryName = name is "Create" || name.StartsWith("CreateFromMethod", StringComparison.Ordinal);
            if (!isFactoryName && !WellKnownNames.SetupMethodNames.Contains(name))
                return;

            if (_model.GetOperation(syntax, _cancel) is not IInvocationOperation invocation)
                return;

            if (!isFactoryName)
            {
                _setupCalls.Add(invocation);
                return;
            }

            if (ToolRecognizer.GetFactory(invocation.TargetMethod, _context) == ToolFactory.None)
                return;

            _factoryCalls.Add(invocation);
            if (ToolRecognizer.FromFactoryCall(invocation, _context) is { } tool)
                _tools.Add(tool);
        }

        private void AddAttributed(ISymbol? symbol)
        {
            if (symbol is not null)
                _attributed.Add(symbol);
        }

        private bool IsRequirementMethod(IMethodSymbol method, ToolDeclaration declaration)
        {
            return declaration.HasOwnRequirements ||
                declaration.DelegatedTokens.Length > 0 ||
                (declaration.PublicTool is not null && HasOwnAttribute(method, _context.PublicToolAttribute));
        }

        // Every tool and requirement needs an attribute on the method or a parameter, or a partial part that has one.
        private static bool MayCarryAttributes(MethodDeclarationSyntax method)
        {
            if (method.AttributeLists.Count > 0 || method.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;

            foreach (var parameter in method.ParameterList.Parameters)
            {
                if (parameter.AttributeLists.Count > 0)
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

        private static string InvokedName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS1005 fix: replaces <c>AIFunctionFactory.Create(Method)</c> by the generated guarded tool,
/// <c>CreateGuardedTools(guard).Single(tool =&gt; tool.Name == "Method")</c>. Offered only for a method group whose
/// type already has the generated <c>CreateGuardedTools(ToolGuard)</c> and where exactly one
/// <c>ToolGuard</c> is in scope to pass to it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwitchToGuardedToolFixer)), Shared]
public sealed class SwitchToGuardedToolFixer : CodeFixProvider
{
    /// <summary>The equivalence key of this fix.</summary>
    public const string EquivalenceKey = "AS1005.SwitchToGuardedTool";

    private const string Title = "Register the generated guarded tool";
    private const string FactoryMethodName = "CreateGuardedTools";
    private const string LinqNamespace = "System.Linq";
    private const string ToolGuardMetadataName = "AgentSafety.ToolGuard";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.GuardBypassed);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is null)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    token => ApplyAsync(context.Document, [diagnostic], token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(
        Document document,
        IEnumerable<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var replacements = new Dictionary<SyntaxNode, Replacement>();
        foreach (var diagnostic in diagnostics)
        {
            var plan = Plan(root, model, diagnostic, cancellationToken);
            if (plan is not null && !replacements.ContainsKey(plan.Registration))
                replacements.Add(plan.Registration, plan);
        }

        if (replacements.Count == 0)
            return document;

        var needsLinq = replacements.Values.Any(plan => plan.NeedsLinq);
        var newRoot = root.ReplaceNodes(
            replacements.Keys,
            (original, _) => replacements[original].Expression.WithTriviaFrom(original));
        if (needsLinq && newRoot is CompilationUnitSyntax unit)
            newRoot = UsingDirectives.Add(unit, LinqNamespace, UsingDirectives.EndOfLine(root));

        return document.WithSyntaxRoot(newRoot);
    }

    private static Replacement? Plan(
        SyntaxNode root,
        SemanticModel model,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
            root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ArgumentSyntax>() is not
            { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } argument ||
            ToolCompilationContext.Create(model.Compilation) is not { } tools ||
            model.GetOperation(registration, cancellationToken) is not IInvocationOperation invocation ||
            ToolRecognizer.GetFactory(invocation.TargetMethod, tools) != ToolFactory.AIFunctionFactory ||
            model.GetOperation(argument.Expression, cancellationToken) is not { } target ||
            ToolRecognizer.Unwrap(target) is not IMethodReferenceOperation reference ||
            reference.Method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var method = reference.Method;
        var position = registration.SpanStart;
        if (!HasGeneratedFactory(method, model.Compilation) ||
            Receiver(reference, model, position) is not { } receiver ||
            Guard(model, position) is not { } guard)
        {
            return null;
        }

        var name = ToolRecognizer.DefaultToolName(method, ToolDeclaration.Read(method, tools));
        var literal = SyntaxFactory.Literal(name).ToString();
        var converted = TargetType(registration, invocation, model, cancellationToken);
        var needsCast = converted is not null &&
            converted.SpecialType != SpecialType.System_Object &&
            !ToolCompilationContext.Is(converted, tools.AITool);
        var cast = needsCast && tools.AIFunction is { } function
            ? "(" + function.ToMinimalDisplayString(model, position) + ")"
            : "";
        var text = $"{cast}{receiver}{FactoryMethodName}({guard}).Single(tool => tool.Name == {literal})";
        var needsLinq = !LinqIsImported(model, position);
        return new Replacement(registration, SyntaxFactory.ParseExpression(text), needsLinq);
    }

    // The type the registration's value is converted to, so the replacement keeps compiling.
    private static ITypeSymbol? TargetType(
        InvocationExpressionSyntax registration,
        IInvocationOperation invocation,
        SemanticModel model,
        CancellationToken cancellationToken) =>
        invocation.Parent is IConversionOperation conversion
            ? conversion.Type
            : model.GetTypeInfo(registration, cancellationToken).ConvertedType;

    private static bool HasGeneratedFactory(IMethodSymbol method, Compilation compilation)
    {
        var guardType = compilation.GetTypeByMetadataName(ToolGuardMetadataName);
        return method.ContainingType.GetMembers(FactoryMethodName).OfType<IMethodSymbol>().Any(factory =>
            factory.IsStatic == method.IsStatic &&
            factory.Parameters.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(factory.Parameters[0].Type, guardType));
    }

    private static string? Receiver(IMethodReferenceOperation reference, SemanticModel model, int position)
    {
        if (reference.Method.IsStatic)
            return reference.Method.ContainingType.ToMinimalDisplayString(model, position) + ".";

        return reference.Instance switch
        {
            IInstanceReferenceOperation { IsImplicit: true } => "",
            IInstanceReferenceOperation => "this.",
            { Syntax: ExpressionSyntax instance } => instance.ToString() + ".",
            _ => null,
        };
    }

    // Exactly one ToolGuard local or parameter, or else exactly one field or property, so the fix never guesses.
    private static string? Guard(SemanticModel model, int position)
    {
        var guardType = model.Compilation.GetTypeByMetadataName(ToolGuardMetadataName);
        if (guardType is null)
            return null;

        var isStaticContext = IsStaticContext(model.GetEnclosingSymbol(position));
        var candidates = model.LookupSymbols(position)
            .Where(symbol => SymbolEqualityComparer.Default.Equals(TypeOf(symbol), guardType))
            .Where(symbol => symbol is ILocalSymbol or IParameterSymbol || symbol.IsStatic || !isStaticContext)
            .ToList();
        var locals = candidates.Where(symbol => symbol is ILocalSymbol or IParameterSymbol).ToList();
        var chosen = locals.Count > 0 ? locals : candidates;
        return chosen.Count == 1 ? chosen[0].Name : null;
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsStaticContext(ISymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                continue;

            return current.IsStatic;
        }

        return true;
    }

    private static bool LinqIsImported(SemanticModel model, int position) =>
        model.LookupNamespacesAndTypes(position, name: "Enumerable")
            .Any(symbol => symbol.ToDisplayString() == "System.Linq.Enumerable");

    private sealed class Replacement
    {
        public Replacement(InvocationExpressionSyntax registration, ExpressionSyntax expression, bool needsLinq)
        {
            Registration = registration;
            Expression = expression;
            NeedsLinq = needsLinq;
        }

        public InvocationExpressionSyntax Registration { get; }

        public ExpressionSyntax Expression { get; }

        public bool NeedsLinq { get; }
    }
}

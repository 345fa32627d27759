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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS1006 fix: <c>McpServerTool.Create(AIFunctionFactory.Create(Method))</c> becomes
/// <c>McpServerTool.Create(Method)</c>, so the SDK copies the method's <c>[Authorize]</c> into the tool's metadata.
/// Offered only when the inner call passes nothing but the method group, so no name or option is lost.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreateMcpToolFromMethodFixer)), Shared]
public sealed class CreateMcpToolFromMethodFixer : CodeFixProvider
{
    /// <summary>The equivalence key of this fix.</summary>
    public const string EquivalenceKey = "AS1006.CreateFromMethod";

    private const string Title = "Create the MCP tool from the method";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.McpFunctionLosesAuthorization);

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
                CodeAction.Create(Title, token => ApplyAsync(context.Document, [diagnostic], token), EquivalenceKey),
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

        var replacements = new Dictionary<SyntaxNode, ExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is { } plan)
                replacements[plan.Function] = plan.MethodGroup;
        }

        if (replacements.Count == 0)
            return document;

        var newRoot = root.ReplaceNodes(
            replacements.Keys,
            (original, _) => replacements[original].WithTriviaFrom(original));
        return document.WithSyntaxRoot(newRoot);
    }

    private static (InvocationExpressionSyntax Function, ExpressionSyntax MethodGroup)? Plan(
        SyntaxNode root,
        SemanticModel model,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                { ArgumentList.Arguments.Count: 1 } function ||
            function.ArgumentList.Arguments[0] is not { NameColon: null } onlyArgument ||
            function.Span != diagnostic.Location.SourceSpan ||
            ToolCompilationContext.Create(model.Compilation) is not { } tools ||
            model.GetOperation(function, cancellationToken) is not IInvocationOperation invocation ||
            ToolRecognizer.GetFactory(invocation.TargetMethod, tools) != ToolFactory.AIFunctionFactory ||
            ToolRecognizer.Unwrap(model.GetOperation(onlyArgument.Expression, cancellationToken)) is not
                IMethodReferenceOperation { Method.MethodKind: MethodKind.Ordinary })
        {
            return null;
        }

        return (function, onlyArgument.Expression);
    }
}

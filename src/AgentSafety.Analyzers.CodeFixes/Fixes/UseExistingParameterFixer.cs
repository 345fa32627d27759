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

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS4002 fix: offers, for each parameter whose type can form an object id, to name it with <c>nameof</c>. Fix All
/// applies the chosen parameter name wherever the method has a parameter of that name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseExistingParameterFixer)), Shared]
public sealed class UseExistingParameterFixer : CodeFixProvider
{
    /// <summary>The equivalence key of this fix is this prefix followed by the parameter name.</summary>
    public const string EquivalenceKeyPrefix = "AS4002.UseParameter:";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.RelationParameterNotFound);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) =>
        {
            var key = context.CodeActionEquivalenceKey;
            if (key is null || !key.StartsWith(EquivalenceKeyPrefix, System.StringComparison.Ordinal))
                return document;

            var name = key.Substring(EquivalenceKeyPrefix.Length);
            return await ApplyAsync(document, diagnostics, name, context.CancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, model, diagnostic, context.CancellationToken) is not { } target)
                continue;

            foreach (var parameter in target.Candidates)
            {
                var name = parameter.Name;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use parameter '{name}'",
                        token => ApplyAsync(context.Document, [diagnostic], name, token),
                        EquivalenceKeyPrefix + name),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(
        Document document,
        IEnumerable<Diagnostic> diagnostics,
        string parameterName,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var arguments = new List<ExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, model, diagnostic, cancellationToken) is { } target &&
                target.Candidates.Any(parameter => parameter.Name == parameterName))
            {
                arguments.Add(target.Argument);
            }
        }

        if (arguments.Count == 0)
            return document;

        var nameOf = SyntaxFactory.ParseExpression($"nameof({parameterName})");
        var newRoot = root.ReplaceNodes(arguments.Distinct(), (original, _) => nameOf.WithTriviaFrom(original));
        return document.WithSyntaxRoot(newRoot);
    }

    private static (ExpressionSyntax Argument, IReadOnlyList<IParameterSymbol> Candidates)? Target(
        SyntaxNode root,
        SemanticModel model,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument ||
            argument.Expression.Span != diagnostic.Location.SourceSpan ||
            argument.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration ||
            model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method)
        {
            return null;
        }

        var candidates = method.Parameters
            .Where(parameter => parameter.Type.TypeKind != TypeKind.Error)
            .Where(parameter => RelationParameters.CanFormObjectId(parameter.Type))
            .ToList();
        return candidates.Count == 0 ? null : (argument.Expression, candidates);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>AS4001 fix: adds <c>partial</c> to the method's type and every type containing it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypesPartialFixer)), Shared]
public sealed class MakeTypesPartialFixer : CodeFixProvider
{
    /// <summary>The equivalence key of this fix.</summary>
    public const string EquivalenceKey = "AS4001.MakeTypesPartial";

    private const string Title = "Make types partial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.RequirementsNeedPartialType);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(MakePartial(root, diagnostics));
        });

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (NonPartialTypes(root, diagnostic).Count == 0)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(MakePartial(root, [diagnostic]))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static SyntaxNode MakePartial(SyntaxNode root, IEnumerable<Diagnostic> diagnostics)
    {
        var types = diagnostics.SelectMany(diagnostic => NonPartialTypes(root, diagnostic)).Distinct().ToList();
        return root.ReplaceNodes(types, static (_, rewritten) => AddPartial(rewritten));
    }

    private static List<TypeDeclarationSyntax> NonPartialTypes(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            return [];

        return root.FindNode(diagnostic.Location.SourceSpan)
            .AncestorsAndSelf()
            .OfType<TypeDeclarationSyntax>()
            .Where(type => !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();
    }

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count == 0)
        {
            var keyword = type.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword,
                SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.ReplaceToken(keyword, keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        var modifier = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        return type.AddModifiers(modifier);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS3001: adds <c>[RequiresApproval("…")]</c> with a binding message built from the tool's parameters.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CriticalActionWithoutApprovalFixer)), Shared]
public sealed class CriticalActionWithoutApprovalFixer : CodeFixProvider
{
    /// <summary>Equivalence key of the "Require approval" fix.</summary>
    public const string Key_RequireApproval = "AgentSafety.RequireApproval";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds =>
        ImmutableArray.Create(RuleIdentifiers.CriticalActionWithoutApproval);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindTargetAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false)
                is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Require approval",
                    token => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), token),
                    Key_RequireApproval),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<MethodDeclarationSyntax, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (await FindTargetAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } target)
                targets[target.Method] = target.BindingMessage;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || targets.Count == 0)
            return document;

        var endOfLine = UsingDirectives.EndOfLine(root);
        root = root.ReplaceNodes(targets.Keys, (original, _) => AttributeInserter.Add(
            original, AttributeInserter.StringAttribute("RequiresApproval", targets[original]), endOfLine));
        return document.WithSyntaxRoot(UsingDirectives.Ensure(root, "AgentSafety", endOfLine));
    }

    // The method to annotate, when it is declared in this document; a tool declared elsewhere gets no fix here.
    private static async Task<(MethodDeclarationSyntax Method, string BindingMessage)?> FindTargetAsync(
        Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(CriticalActionWithoutApprovalAnalyzer.BindingMessageProperty,
                out var message) || message is null)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is null)
            return null;

        if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } declared &&
            declared.Identifier.Span == diagnostic.Location.SourceSpan)
        {
            return (declared, message);
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbol = model?.GetSymbolInfo(node, cancellationToken);
        var method = symbol?.Symbol as IMethodSymbol ??
            symbol?.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
        var reference = method?.DeclaringSyntaxReferences.FirstOrDefault(r => r.SyntaxTree == root!.SyntaxTree);
        return reference?.GetSyntax(cancellationToken) is MethodDeclarationSyntax target ? (target, message) : null;
    }
}

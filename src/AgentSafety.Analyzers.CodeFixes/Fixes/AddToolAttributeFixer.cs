using System.Collections.Generic;
using System.Collections.Immutable;
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

/// <summary>
/// Shared work of the AS1001 fixes: find the tool's declaration, add one AgentSafety attribute with a string
/// argument, and add <c>using AgentSafety;</c> where the attribute would not resolve without it. Fix All groups
/// the edits per document, so a document gets the using once however many tools it fixes.
/// </summary>
public abstract class AddToolAttributeFixer : CodeFixProvider
{
    private const string AgentSafetyNamespace = "AgentSafety";

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.ToolWithoutAuthorization);

    /// <summary>The title shown in the light bulb.</summary>
    protected abstract string Title { get; }

    /// <summary>The equivalence key; public on each fixer as a constant.</summary>
    protected abstract string Key { get; }

    /// <summary>The attribute name as written, without the <c>Attribute</c> suffix.</summary>
    protected abstract string AttributeName { get; }

    /// <summary>The attribute's metadata name, which must resolve in the compilation for the fix to apply.</summary>
    protected abstract string AttributeMetadataName { get; }

    /// <summary>
    /// The attribute's argument for this diagnostic, or <see langword="null"/> when none can be chosen.
    /// </summary>
    protected abstract string? GetArgument(Diagnostic diagnostic);

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => new FixAll(this);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken)
            .ConfigureAwait(false);
        if (compilation?.GetTypeByMetadataName(AttributeMetadataName) is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindEditAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false)
                is not { } edit)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => ApplyAsync(solution, [edit], cancellationToken), Key),
                diagnostic);
        }
    }

    private async Task<Edit?> FindEditAsync(Document document, Diagnostic diagnostic, CancellationToken token)
    {
        if (GetArgument(diagnostic) is not { } argument)
            return null;

        var target = await ToolDeclarationTarget.FindAsync(document, diagnostic, token).ConfigureAwait(false);
        return target is null ? null : new Edit(target, argument);
    }

    private async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Edit> edits, CancellationToken token)
    {
        foreach (var group in edits.GroupBy(edit => edit.Target.Document.Id))
        {
            var document = solution.GetDocument(group.Key)!;
            var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(token).ConfigureAwait(false);
            if (root is null || model is null)
                continue;

            var arguments = new Dictionary<SyntaxNode, string>();
            foreach (var edit in group)
            {
                if (!arguments.ContainsKey(edit.Target.Declaration))
                    arguments.Add(edit.Target.Declaration, edit.Argument);
            }

            var endOfLine = UsingDirectives.EndOfLine(root);
            var needsUsing = !Resolves(model, arguments.Keys.First().SpanStart);
            var newRoot = root.ReplaceNodes(
                arguments.Keys,
                (original, rewritten) => AttributeInserter.Add(
                    rewritten, AttributeInserter.StringAttribute(AttributeName, arguments[original]), endOfLine));
            if (needsUsing && newRoot is CompilationUnitSyntax unit)
                newRoot = UsingDirectives.Add(unit, AgentSafetyNamespace, endOfLine);

            solution = solution.WithDocumentSyntaxRoot(group.Key, newRoot);
        }

        return solution;
    }

    private bool Resolves(SemanticModel model, int position) =>
        model.LookupNamespacesAndTypes(position, name: AttributeName + "Attribute")
            .Any(symbol => symbol.ToDisplayString() == AttributeMetadataName);

    private sealed class Edit
    {
        public Edit(ToolDeclarationTarget target, string argument)
        {
            Target = target;
            Argument = argument;
        }

        public ToolDeclarationTarget Target { get; }

        public string Argument { get; }
    }

    private sealed class FixAll : FixAllProvider
    {
        private readonly AddToolAttributeFixer _fixer;

        public FixAll(AddToolAttributeFixer fixer) => _fixer = fixer;

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            if (context.CodeActionEquivalenceKey != _fixer.Key)
                return null;

            var compilation = await context.Project.GetCompilationAsync(context.CancellationToken)
                .ConfigureAwait(false);
            if (compilation?.GetTypeByMetadataName(_fixer.AttributeMetadataName) is null)
                return null;

            var edits = new List<Edit>();
            foreach (var diagnostic in await DiagnosticsAsync(context).ConfigureAwait(false))
            {
                var document = context.Solution.GetDocument(diagnostic.Location.SourceTree);
                if (document is not null &&
                    await _fixer.FindEditAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false)
                        is { } edit)
                {
                    edits.Add(edit);
                }
            }

            if (edits.Count == 0)
                return null;

            var solution = context.Solution;
            return CodeAction.Create(
                _fixer.Title,
                cancellationToken => _fixer.ApplyAsync(solution, edits, cancellationToken),
                _fixer.Key);
        }

        private static async Task<IEnumerable<Diagnostic>> DiagnosticsAsync(FixAllContext context)
        {
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is not null:
                    return await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false);
                case FixAllScope.Project:
                    return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
                case FixAllScope.Solution:
                    var all = new List<Diagnostic>();
                    foreach (var project in context.Solution.Projects)
                        all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));

                    return all;
                default:
                    return [];
            }
        }
    }
}

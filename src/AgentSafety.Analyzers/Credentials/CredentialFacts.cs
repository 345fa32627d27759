using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// The credential facts of one compilation, shared by the four credential rules. A member body is read the first
/// time a tool reaches it, by whichever rule gets there first, and never again; code no tool reaches is never read.
/// </summary>
internal sealed class CredentialFacts
{
    private static readonly ConditionalWeakTable<Compilation, CredentialFacts> Shared = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxNode, IReadOnlyDictionary<MethodKey, MethodFacts>> _members = new();

    private CredentialFacts(Compilation compilation) => _compilation = compilation;

    public static CredentialFacts For(Compilation compilation) =>
        Shared.GetValue(compilation, static compilation => new CredentialFacts(compilation));

    /// <summary>
    /// The facts of the method, lambda or local function <paramref name="key"/> names, or null when it has no body
    /// this can read. <paramref name="model"/> is used when it binds the key's file.
    /// </summary>
    public MethodFacts? Of(MethodKey key, SemanticModel? model, CancellationToken cancel)
    {
        var node = key.Tree.GetRoot(cancel).FindNode(key.Span, getInnermostNodeForTie: true);
        if (BodyOwner(node) is not { } owner)
            return null;

        if (!_members.TryGetValue(owner, out var facts))
        {
            var ownerModel = model is not null
                ? FunctionBodies.ModelFor(key.Tree, model)
                : FunctionBodies.ModelFor(key.Tree, _compilation);
            facts = _members.GetOrAdd(owner, Collect(owner, ownerModel, cancel));
        }

        return facts.TryGetValue(key, out var found) ? found : null;
    }

    private static IReadOnlyDictionary<MethodKey, MethodFacts> Collect(
        SyntaxNode owner, SemanticModel model, CancellationToken cancel)
    {
        if (model.GetOperation(owner, cancel) is not { } body)
            return new Dictionary<MethodKey, MethodFacts>();

        var member = owner switch
        {
            CompilationUnitSyntax unit => model.GetEnclosingSymbol(
                unit.Members.OfType<GlobalStatementSyntax>().First().SpanStart, cancel) as IMethodSymbol,
            ArrowExpressionClauseSyntax arrow => (model.GetDeclaredSymbol(arrow.Parent!, cancel) as IPropertySymbol)
                ?.GetMethod,
            EqualsValueClauseSyntax => null,
            _ => model.GetDeclaredSymbol(owner, cancel) as IMethodSymbol,
        };
        return CredentialCollector.Collect(body, member);
    }

    // The syntax whose operation holds a whole member body, lambdas and local functions included: what the
    // compiler binds as one unit.
    private static SyntaxNode? BodyOwner(SyntaxNode? node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax }:
                case EqualsValueClauseSyntax { Parent.Parent.Parent: BaseFieldDeclarationSyntax }:
                    return current;
                case GlobalStatementSyntax:
                    return current.Parent;
                case CompilationUnitSyntax unit when unit.Members.OfType<GlobalStatementSyntax>().Any():
                    return unit;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// What a rule learned from each member body (a method, accessor, constructor, initializer or the top-level
/// statements), computed once per body and only for the bodies a rule asks about: those of tools and of the code
/// they call. The operation tree comes from the semantic model, which keeps it for every analyzer that asks; an
/// operation-block action would instead call every rule once per body of the compilation, tool or not.
/// </summary>
/// <typeparam name="TFacts">What the rule keeps of one body.</typeparam>
internal sealed class MemberBodyCache<TFacts>
    where TFacts : class
{
    private readonly Func<IReadOnlyList<IOperation>, IMethodSymbol?, TFacts> _read;
    // Written without locks: several threads fill it at once, and a lock held by a thread the system has just
    // descheduled stalls every other writer. Keyed by place (see SyntaxKey).
    private ImmutableDictionary<SyntaxKey, TFacts> _bodies = ImmutableDictionary<SyntaxKey, TFacts>.Empty;

    /// <param name="read">
    /// Reads one body's operation blocks; the method is null for a field or property initializer.
    /// </param>
    public MemberBodyCache(Func<IReadOnlyList<IOperation>, IMethodSymbol?, TFacts> read) => _read = read;

    /// <summary>
    /// The facts of the body that holds <paramref name="node"/>, or null when it is in no body. Reads the body's
    /// operation tree from <paramref name="model"/> (or the compilation's model of the node's file) the first time.
    /// </summary>
    public TFacts? For(SyntaxNode node, Compilation compilation, SemanticModel? model, CancellationToken cancel)
    {
        if (Owner(node) is not { } owner)
            return null;

        var key = SyntaxKey.Of(owner);
        if (_bodies.TryGetValue(key, out var facts))
            return facts;

        var ownerModel = model is not null
            ? FunctionBodies.ModelFor(owner.SyntaxTree, model)
            : FunctionBodies.ModelFor(owner.SyntaxTree, compilation);
        if (ownerModel.GetOperation(owner, cancel) is not { } body)
            return null;

        var read = _read(ImmutableArray.Create(body), OwningMethod(owner, ownerModel, cancel));
        return ImmutableInterlocked.GetOrAdd(ref _bodies, key, read);
    }

    /// <summary>
    /// The syntax the compiler binds as one body, lambdas and local functions included: a method-like declaration, an
    /// accessor, an expression-bodied property, a field or property initializer, or the top-level statements.
    /// </summary>
    public static SyntaxNode? Owner(SyntaxNode? node)
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

    private static IMethodSymbol? OwningMethod(SyntaxNode owner, SemanticModel model, CancellationToken cancel) =>
        owner switch
        {
            CompilationUnitSyntax unit => model.GetEnclosingSymbol(
                unit.Members.OfType<GlobalStatementSyntax>().First().SpanStart, cancel) as IMethodSymbol,
            ArrowExpressionClauseSyntax arrow => (model.GetDeclaredSymbol(arrow.Parent!, cancel) as IPropertySymbol)
                ?.GetMethod,
            EqualsValueClauseSyntax => null,
            _ => model.GetDeclaredSymbol(owner, cancel) as IMethodSymbol,
        };
}

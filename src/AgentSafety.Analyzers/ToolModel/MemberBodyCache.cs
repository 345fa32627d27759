using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// What a rule learned from each member body (a method, accessor, constructor, initializer or the top-level
/// statements), computed once per body. Bodies arrive through operation-block actions, whose operation trees the
/// compiler builds for every analyzer that asks; a rule that needs a body before its block action has run reads it
/// from the semantic model instead, so the answer never depends on the order the compiler runs actions in.
/// </summary>
/// <typeparam name="TFacts">What the rule keeps of one body.</typeparam>
internal sealed class MemberBodyCache<TFacts>
    where TFacts : class
{
    private readonly Func<IReadOnlyList<IOperation>, IMethodSymbol?, TFacts> _read;
    private readonly ConcurrentDictionary<SyntaxNode, TFacts> _bodies = new();

    /// <param name="read">
    /// Reads one body's operation blocks; the method is null for a field or property initializer.
    /// </param>
    public MemberBodyCache(Func<IReadOnlyList<IOperation>, IMethodSymbol?, TFacts> read) => _read = read;

    /// <summary>The operation-block action that fills the cache.</summary>
    public void Remember(OperationBlockAnalysisContext context)
    {
        if (context.OperationBlocks.IsEmpty || Owner(context.OperationBlocks[0].Syntax) is not { } owner ||
            _bodies.ContainsKey(owner))
        {
            return;
        }

        _bodies.TryAdd(owner, _read(context.OperationBlocks, context.OwningSymbol as IMethodSymbol));
    }

    /// <summary>
    /// The facts of the body that holds <paramref name="node"/>, or null when it is in no body. Binds the body with
    /// <paramref name="model"/> (or the compilation's model of the node's file) when no block action has read it yet.
    /// </summary>
    public TFacts? For(SyntaxNode node, Compilation compilation, SemanticModel? model, CancellationToken cancel)
    {
        if (Owner(node) is not { } owner)
            return null;

        if (_bodies.TryGetValue(owner, out var facts))
            return facts;

        var ownerModel = model is not null
            ? FunctionBodies.ModelFor(owner.SyntaxTree, model)
            : FunctionBodies.ModelFor(owner.SyntaxTree, compilation);
        if (ownerModel.GetOperation(owner, cancel) is not { } body)
            return null;

        return _bodies.GetOrAdd(owner, _read(ImmutableArray.Create(body), OwningMethod(owner, ownerModel, cancel)));
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

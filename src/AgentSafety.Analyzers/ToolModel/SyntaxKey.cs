using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// A file, or a span of one, as a dictionary key. It hashes the file's path, never the identity of the tree or of a
/// node: the compiler locks on syntax objects, and reading the identity hash of an object that holds a lock in its
/// header takes the runtime's slow path, which once made hashing a large share of the rules' time.
/// </summary>
internal readonly struct SyntaxKey : IEquatable<SyntaxKey>
{
    private readonly int _hashCode;

    public SyntaxKey(SyntaxTree tree, TextSpan span)
    {
        Tree = tree;
        Span = span;
        _hashCode = (StringComparer.Ordinal.GetHashCode(tree.FilePath ?? "") * 31) + span.GetHashCode();
    }

    public SyntaxTree Tree { get; }

    public TextSpan Span { get; }

    /// <summary>The key of a whole file.</summary>
    public static SyntaxKey Of(SyntaxTree tree) => new(tree, default);

    /// <summary>The key of the node's span in its file.</summary>
    public static SyntaxKey Of(SyntaxNode node) => new(node.SyntaxTree, node.Span);

    /// <summary>The key of a place in source; <paramref name="location"/> must have a syntax tree.</summary>
    public static SyntaxKey Of(Location location) => new(location.SourceTree!, location.SourceSpan);

    public bool Equals(SyntaxKey other) => Tree == other.Tree && Span == other.Span;

    public override bool Equals(object? obj) => obj is SyntaxKey other && Equals(other);

    public override int GetHashCode() => _hashCode;
}

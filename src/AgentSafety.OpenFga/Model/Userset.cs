namespace AgentSafety.OpenFga.Model;

/// <summary>
/// One node of a relation's rewrite: how the users of a relation are computed. The shapes are OpenFGA's:
/// direct assignment, computed relation, tuple-to-userset, union, intersection and exclusion.
/// </summary>
public abstract record Userset;

/// <summary>Users written directly as tuples on the relation (<c>[user, group#member]</c> in the DSL).</summary>
public sealed record DirectUserset : Userset
{
    /// <summary>The one instance; direct assignment carries no data of its own.</summary>
    public static DirectUserset Instance { get; } = new();
}

/// <summary>The users of another relation on the same object (<c>define viewer: editor</c>).</summary>
/// <param name="Relation">The relation whose users are taken.</param>
public sealed record ComputedUserset(string Relation) : Userset;

/// <summary>
/// The users of <paramref name="ComputedRelation"/> on each object related through <paramref name="Tupleset"/>
/// (<c>viewer from parent</c>).
/// </summary>
/// <param name="Tupleset">The relation that points at the other objects (<c>parent</c>).</param>
/// <param name="ComputedRelation">The relation read on those objects (<c>viewer</c>).</param>
public sealed record TupleToUserset(string Tupleset, string ComputedRelation) : Userset;

/// <summary>Users in any of <paramref name="Children"/> (<c>or</c>).</summary>
public sealed record UnionUserset(IReadOnlyList<Userset> Children) : Userset
{
    /// <inheritdoc/>
    public bool Equals(UnionUserset? other) => other is not null && Children.SequenceEqual(other.Children);

    /// <inheritdoc/>
    public override int GetHashCode() => Children.Count;
}

/// <summary>Users in all of <paramref name="Children"/> (<c>and</c>).</summary>
public sealed record IntersectionUserset(IReadOnlyList<Userset> Children) : Userset
{
    /// <inheritdoc/>
    public bool Equals(IntersectionUserset? other) => other is not null && Children.SequenceEqual(other.Children);

    /// <inheritdoc/>
    public override int GetHashCode() => Children.Count;
}

/// <summary>Users in <paramref name="Base"/> but not in <paramref name="Subtract"/> (<c>but not</c>).</summary>
public sealed record DifferenceUserset(Userset Base, Userset Subtract) : Userset;

namespace AgentSafety;

/// <summary>One question for a relationship store: does <paramref name="User"/> have <paramref name="Relation"/>
/// on <paramref name="Object"/>?</summary>
/// <param name="User">The user, as <c>type:id</c> (<c>user:anne</c>) or a userset (<c>group:eng#member</c>).</param>
/// <param name="Relation">The relation, such as <c>can_buy</c>.</param>
/// <param name="Object">The object, as <c>type:id</c> (<c>asset:OKTA</c>).</param>
public sealed record RelationshipCheck(string User, string Relation, string Object)
{
    /// <summary>An OpenFGA-style rendering: <c>user:anne can_buy asset:OKTA</c>.</summary>
    public override string ToString() => $"{User} {Relation} {Object}";
}

/// <summary>The answer to one <see cref="RelationshipCheck"/>.</summary>
/// <param name="Check">The question.</param>
/// <param name="Allowed">Whether the relationship holds.</param>
/// <param name="Error">Why the store could not answer, if it could not; a check with an error is never allowed.</param>
public sealed record RelationshipCheckResult(RelationshipCheck Check, bool Allowed, string? Error = null);

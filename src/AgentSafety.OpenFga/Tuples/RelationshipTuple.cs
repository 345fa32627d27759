namespace AgentSafety.OpenFga.Tuples;

/// <summary>One relationship tuple: <paramref name="User"/> has <paramref name="Relation"/> on
/// <paramref name="Object"/>, optionally only when <paramref name="Condition"/> holds.</summary>
/// <param name="User"><c>user:anne</c>, <c>user:*</c> or <c>group:eng#member</c>.</param>
/// <param name="Relation">The relation.</param>
/// <param name="Object"><c>type:id</c>.</param>
/// <param name="Condition">The condition that must hold for the tuple to count.</param>
public sealed record RelationshipTuple(string User, string Relation, string Object, TupleCondition? Condition = null)
{
    /// <summary>OpenFGA's rendering: <c>document:1#viewer@user:anne</c>.</summary>
    public override string ToString() =>
        Condition is null ? $"{Object}#{Relation}@{User}" : $"{Object}#{Relation}@{User} (with {Condition.Name})";
}

/// <summary>A condition attached to a tuple, with the parameter values written alongside it.</summary>
/// <param name="Name">The condition name from the model.</param>
/// <param name="Context">Values for some of its parameters; the rest come from the check request.</param>
public sealed record TupleCondition(string Name, IReadOnlyDictionary<string, object?>? Context = null);

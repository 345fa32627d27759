using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga;

/// <summary>A check with OpenFGA's extras: contextual tuples and condition context.</summary>
/// <param name="User">The user (<c>user:anne</c>, <c>group:eng#member</c>).</param>
/// <param name="Relation">The relation.</param>
/// <param name="Object">The object (<c>document:1</c>).</param>
/// <param name="ContextualTuples">Tuples that count for this request only.</param>
/// <param name="Context">Values for condition parameters.</param>
public sealed record FgaCheckRequest(
    string User,
    string Relation,
    string Object,
    IReadOnlyList<RelationshipTuple>? ContextualTuples = null,
    IReadOnlyDictionary<string, object?>? Context = null);

/// <summary>A list-objects request: which objects of <paramref name="Type"/> does <paramref name="User"/> have
/// <paramref name="Relation"/> on?</summary>
/// <param name="User">The user.</param>
/// <param name="Relation">The relation.</param>
/// <param name="Type">The object type.</param>
/// <param name="ContextualTuples">Tuples that count for this request only.</param>
/// <param name="Context">Values for condition parameters.</param>
public sealed record FgaListObjectsRequest(
    string User,
    string Relation,
    string Type,
    IReadOnlyList<RelationshipTuple>? ContextualTuples = null,
    IReadOnlyDictionary<string, object?>? Context = null);

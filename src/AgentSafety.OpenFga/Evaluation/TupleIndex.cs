using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>A tuple held by the index, with its user string already taken apart.</summary>
internal sealed class IndexedTuple(RelationshipTuple tuple, FgaUser user)
{
    public RelationshipTuple Tuple { get; } = tuple;

    public FgaUser User { get; } = user;

    public TupleCondition? Condition => Tuple.Condition;
}

/// <summary>The tuples written on one object and relation.</summary>
internal sealed class TupleBucket
{
    /// <summary>Users whose tuples carry no condition, for the one-lookup answer to a direct check.</summary>
    public HashSet<string> UnconditionalUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Tuples an exact lookup cannot answer: usersets, wildcards and conditional tuples.</summary>
    public List<IndexedTuple> Indirect { get; } = [];

    /// <summary>Tuples whose user is a plain object, for tuple-to-userset hops.</summary>
    public List<IndexedTuple> ObjectUsers { get; } = [];

    public int Count { get; private set; }

    public void Add(IndexedTuple tuple)
    {
        Count++;
        if (tuple.Condition is null)
            UnconditionalUsers.Add(tuple.User.Text);
        if (tuple.Condition is not null || tuple.User.IsUserset || tuple.User.IsWildcard)
            Indirect.Add(tuple);
        if (!tuple.User.IsUserset && !tuple.User.IsWildcard)
            ObjectUsers.Add(tuple);
    }
}

/// <summary>Tuples by object and relation, and the objects of each type for list-objects.</summary>
internal sealed class TupleIndex
{
    private readonly Dictionary<(string Object, string Relation), TupleBucket> _buckets = new();
    private readonly Dictionary<string, HashSet<string>> _objectsByType = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(RelationshipTuple tuple, FgaUser user, FgaUser target)
    {
        var key = (tuple.Object, tuple.Relation);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TupleBucket();
            _buckets.Add(key, bucket);
        }

        bucket.Add(new IndexedTuple(tuple, user));
        if (!_objectsByType.TryGetValue(target.Type, out var objects))
        {
            objects = new HashSet<string>(StringComparer.Ordinal);
            _objectsByType.Add(target.Type, objects);
        }

        objects.Add(tuple.Object);
        Count++;
    }

    public TupleBucket? Find(string objectText, string relation) =>
        _buckets.GetValueOrDefault((objectText, relation));

    public IEnumerable<string> ObjectsOfType(string type) =>
        _objectsByType.TryGetValue(type, out var objects) ? objects : [];
}

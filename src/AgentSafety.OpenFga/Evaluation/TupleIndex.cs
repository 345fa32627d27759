using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>A tuple held by the index, with its user string already taken apart.</summary>
internal sealed class IndexedTuple(RelationshipTuple tuple, FgaUser user)
{
    public RelationshipTuple Tuple { get; } = tuple;

    public FgaUser User { get; } = user;

    public TupleCondition? Condition => Tuple.Condition;
}

/// <summary>
/// The tuples written on one object and relation. Most buckets hold a single plain user, so that case is kept in a
/// field and the set and lists are only created when needed: a million tuples should not cost a million hash sets.
/// </summary>
internal sealed class TupleBucket
{
    private string? _singleUser;
    private HashSet<string>? _users;

    /// <summary>Tuples an exact lookup cannot answer: usersets, wildcards and conditional tuples.</summary>
    public List<IndexedTuple>? Indirect { get; private set; }

    /// <summary>Tuples whose user is a plain object, kept only for relations used after <c>from</c>.</summary>
    public List<IndexedTuple>? ObjectUsers { get; private set; }

    /// <summary>Whether a tuple without a condition names exactly <paramref name="user"/>.</summary>
    public bool HasUnconditionalUser(string user) =>
        _users?.Contains(user) ?? string.Equals(_singleUser, user, StringComparison.Ordinal);

    public void Add(RelationshipTuple tuple, FgaUser user, bool keepObjectUsers)
    {
        if (tuple.Condition is null)
            AddUnconditional(user.Text);

        var isObject = !user.IsUserset && !user.IsWildcard;
        var indirect = tuple.Condition is not null || !isObject;
        var forTupleset = keepObjectUsers && isObject;
        if (!indirect && !forTupleset)
            return;

        var indexed = new IndexedTuple(tuple, user);
        if (indirect)
            (Indirect ??= []).Add(indexed);
        if (forTupleset)
            (ObjectUsers ??= []).Add(indexed);
    }

    private void AddUnconditional(string user)
    {
        if (_users is not null)
        {
            _users.Add(user);
        }
        else if (_singleUser is null)
        {
            _singleUser = user;
        }
        else if (!string.Equals(_singleUser, user, StringComparison.Ordinal))
        {
            _users = new HashSet<string>(StringComparer.Ordinal) { _singleUser, user };
            _singleUser = null;
        }
    }
}

/// <summary>Tuples by object and relation, and the objects of each type for list-objects.</summary>
/// <param name="tuplesetRelations">The <c>type#relation</c> pairs used after <c>from</c> in the model, whose
/// object users must be kept for tuple-to-userset hops.</param>
internal sealed class TupleIndex(IReadOnlySet<(string Type, string Relation)> tuplesetRelations)
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

        bucket.Add(tuple, user, tuplesetRelations.Contains((target.Type, tuple.Relation)));
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

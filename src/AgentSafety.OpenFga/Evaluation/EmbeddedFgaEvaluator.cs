using AgentSafety.OpenFga.Evaluation;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga;

/// <summary>
/// Answers OpenFGA checks and list-objects in process, from a model and a fixed set of tuples: the local default
/// that behaves like an OpenFGA server. Thread-safe; the tuples never change after construction.
/// </summary>
public sealed class EmbeddedFgaEvaluator : IRelationshipChecker
{
    /// <summary>OpenFGA's default limit on how deep a check may recurse.</summary>
    public const int DefaultMaxDepth = 25;

    private readonly TupleIndex _index;
    private readonly HashSet<(string Type, string Relation)> _tuplesetRelations;
    private readonly IConditionEvaluator _conditions;
    private readonly int _maxDepth;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="model">The authorization model.</param>
    /// <param name="tuples">The stored tuples.</param>
    /// <param name="options">Limits and the treatment of tuples that do not fit the model.</param>
    /// <exception cref="FgaException">A condition's expression does not compile (code
    /// <c>invalid_authorization_model</c>), or a tuple does not fit the model (code <c>invalid_tuple</c>) and
    /// <see cref="EmbeddedFgaOptions.IgnoreInvalidTuples"/> is off.</exception>
    public EmbeddedFgaEvaluator(AuthorizationModel model, IEnumerable<RelationshipTuple> tuples,
        EmbeddedFgaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tuples);
        options ??= new EmbeddedFgaOptions();
        Model = model;
        _maxDepth = options.MaxDepth;
        _tuplesetRelations = FindTuplesetRelations(model);
        _index = new TupleIndex(_tuplesetRelations);
        var conditions = new CelConditionEvaluator();
        foreach (var condition in model.Conditions.Values)
            conditions.Compile(condition);
        _conditions = conditions;
        foreach (var tuple in tuples)
        {
            var problem = TupleValidator.FindProblem(model, tuple, out var user, out var target);
            if (problem is null)
                _index.Add(tuple, user, target);
            else if (!options.IgnoreInvalidTuples)
                throw new FgaException(FgaErrorCode.InvalidTuple, $"invalid tuple '{tuple}': {problem}");
        }
    }

    /// <summary>The model the evaluator answers from.</summary>
    public AuthorizationModel Model { get; }

    /// <summary>How many tuples are stored (tuples that did not fit the model are not counted).</summary>
    public int TupleCount => _index.Count;

    /// <summary>Answers one check.</summary>
    /// <exception cref="FgaException">The request is invalid, a condition could not be evaluated, or the depth limit
    /// was reached.</exception>
    public bool Check(FgaCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = ValidateUser(request.User, FgaErrorCode.ValidationError);
        if (!FgaUser.TryParseObject(request.Object, out var target, Model))
            throw Invalid(FgaErrorCode.ValidationError, $"invalid 'object' field format '{request.Object}'");
        var type = Model.FindType(target.Type)
            ?? throw Invalid(FgaErrorCode.ValidationError, $"type '{target.Type}' not found");
        if (type.FindRelation(request.Relation) is null)
            throw Invalid(FgaErrorCode.ValidationError,
                $"relation '{target.Type}#{request.Relation}' not found");

        var context = CheckContext.Rent(user, BuildContextualIndex(request.ContextualTuples), request.Context);
        Outcome outcome;
        try
        {
            outcome = CheckRelation(target.Object, target.Type, request.Relation, context, depth: 0);
        }
        finally
        {
            CheckContext.Return(context);
        }

        return outcome.Kind switch
        {
            OutcomeKind.True => true,
            OutcomeKind.Error => throw outcome.Error!,
            _ => false,
        };
    }

    /// <summary>Lists the objects of a type the user has the relation on, in no particular order.</summary>
    /// <exception cref="FgaException">The request is invalid.</exception>
    public IReadOnlyList<string> ListObjects(FgaListObjectsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = Model.FindType(request.Type)
            ?? throw Invalid(FgaErrorCode.TypeNotFound, $"type '{request.Type}' not found");
        if (type.FindRelation(request.Relation) is null)
            throw Invalid(FgaErrorCode.RelationNotFound, $"relation '{request.Type}#{request.Relation}' not found");
        var user = ValidateUser(request.User, FgaErrorCode.ValidationError);

        var contextual = BuildContextualIndex(request.ContextualTuples);
        var candidates = new HashSet<string>(_index.ObjectsOfType(request.Type), StringComparer.Ordinal);
        if (contextual is not null)
            candidates.UnionWith(contextual.ObjectsOfType(request.Type));
        if (user.Type == request.Type && !user.IsWildcard)
            candidates.Add(user.Object);

        // Each candidate object is checked in turn; a check that fails fails the whole request, as in OpenFGA.
        // Known shortcoming: the cost grows with the number of objects of the type that appear in tuples, where a
        // server walks the model backwards from the user instead. Fine for local use, slow on very large stores.
        var found = new List<string>();
        foreach (var candidate in candidates)
        {
            var context = CheckContext.Rent(user, contextual, request.Context);
            Outcome outcome;
            try
            {
                outcome = CheckRelation(candidate, request.Type, request.Relation, context, depth: 0);
            }
            finally
            {
                CheckContext.Return(context);
            }

            if (outcome.Kind == OutcomeKind.Error)
                throw outcome.Error!;
            if (outcome.Kind == OutcomeKind.True)
                found.Add(candidate);
        }

        return found;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RelationshipCheckResult>> CheckAsync(
        IReadOnlyList<RelationshipCheck> checks,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new RelationshipCheckResult[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var check = checks[i];
            try
            {
                results[i] = new RelationshipCheckResult(check, Check(new FgaCheckRequest(check.User, check.Relation,
                    check.Object)));
            }
            catch (FgaException ex)
            {
                results[i] = new RelationshipCheckResult(check, false, $"{FgaErrorCodes.ToApiName(ex.Code)}: "
                    + ex.Message);
            }
        }

        return Task.FromResult<IReadOnlyList<RelationshipCheckResult>>(results);
    }

    private FgaUser ValidateUser(string userText, FgaErrorCode code)
    {
        if (!FgaUser.TryParse(userText, out var user, Model))
            throw Invalid(code, $"invalid 'user' field format '{userText}'");
        if (Model.FindType(user.Type) is null)
            throw Invalid(code, $"type '{user.Type}' not found");
        if (user.Relation is not null && Model.FindRelation(user.Type, user.Relation) is null)
            throw Invalid(code, $"relation '{user.Type}#{user.Relation}' not found");
        return user;
    }

    private TupleIndex? BuildContextualIndex(IReadOnlyList<RelationshipTuple>? tuples)
    {
        if (tuples is null || tuples.Count == 0)
            return null;

        var index = new TupleIndex(_tuplesetRelations);
        foreach (var tuple in tuples)
        {
            var problem = TupleValidator.FindProblem(Model, tuple, out var user, out var target);
            if (problem is not null)
                throw Invalid(FgaErrorCode.InvalidTuple, $"invalid contextual tuple '{tuple}': {problem}");
            index.Add(tuple, user, target);
        }

        return index;
    }

    private static HashSet<(string Type, string Relation)> FindTuplesetRelations(AuthorizationModel model)
    {
        var result = new HashSet<(string, string)>();
        foreach (var type in model.Types)
        {
            foreach (var relation in type.Relations)
            {
                foreach (var node in Dsl.ModelValidator.Walk(relation.Rewrite))
                {
                    if (node is TupleToUserset ttu)
                        result.Add((type.Name, ttu.Tupleset));
                }
            }
        }

        return result;
    }

    private static FgaException Invalid(FgaErrorCode code, string message) => new(code, message);

    private Outcome CheckRelation(string objectText, string objectType, string relation, CheckContext context,
        int depth)
    {
        var user = context.User;
        if (user.IsUserset && user.Relation == relation && user.Object == objectText)
            return Outcome.True;

        if (depth >= _maxDepth)
            return Outcome.Fail(new FgaException(FgaErrorCode.AuthorizationModelResolutionTooComplex,
                "resolution too complex: the check reached the depth limit"));

        var definition = Model.FindRelation(objectType, relation);
        if (definition is null)
            return Outcome.False;

        if (!context.Enter(objectText, relation))
            return Outcome.Cycle;
        try
        {
            return Evaluate(definition.Rewrite, objectText, objectType, relation, context, depth);
        }
        finally
        {
            context.Leave();
        }
    }

    private Outcome Evaluate(Userset rewrite, string objectText, string objectType, string relation,
        CheckContext context, int depth) => rewrite switch
        {
            DirectUserset => CheckDirect(objectText, relation, context, depth),
            ComputedUserset computed => CheckRelation(objectText, objectType, computed.Relation, context, depth + 1),
            TupleToUserset ttu => CheckTupleToUserset(objectText, ttu, context, depth),
            UnionUserset union => EvaluateUnion(union.Children, objectText, objectType, relation, context, depth),
            IntersectionUserset intersection =>
                EvaluateIntersection(intersection.Children, objectText, objectType, relation, context, depth),
            DifferenceUserset difference =>
                EvaluateDifference(difference, objectText, objectType, relation, context, depth),
            _ => Outcome.Fail(new FgaException(FgaErrorCode.InternalError, "unknown rewrite")),
        };

    private Outcome EvaluateUnion(IReadOnlyList<Userset> children, string objectText, string objectType,
        string relation, CheckContext context, int depth)
    {
        var combined = new AnyOf();
        foreach (var child in children)
        {
            if (combined.Add(Evaluate(child, objectText, objectType, relation, context, depth)))
                return Outcome.True;
        }

        return combined.Result;
    }

    private Outcome EvaluateIntersection(IReadOnlyList<Userset> children, string objectText, string objectType,
        string relation, CheckContext context, int depth)
    {
        Outcome? error = null;
        var cycle = false;
        foreach (var child in children)
        {
            var outcome = Evaluate(child, objectText, objectType, relation, context, depth);
            if (outcome.Kind == OutcomeKind.False)
                return outcome;
            if (outcome.Kind == OutcomeKind.Error)
                error ??= outcome;
            cycle |= outcome.Kind == OutcomeKind.Cycle;
        }

        return error ?? (cycle ? Outcome.Cycle : Outcome.True);
    }

    private Outcome EvaluateDifference(DifferenceUserset difference, string objectText, string objectType,
        string relation, CheckContext context, int depth)
    {
        var baseOutcome = Evaluate(difference.Base, objectText, objectType, relation, context, depth);
        if (baseOutcome.Kind is OutcomeKind.False or OutcomeKind.Cycle)
            return baseOutcome;

        var subtract = Evaluate(difference.Subtract, objectText, objectType, relation, context, depth);
        if (subtract.Kind == OutcomeKind.True)
            return Outcome.False;
        if (subtract.Kind == OutcomeKind.Cycle)
            return Outcome.Cycle;
        if (baseOutcome.Kind == OutcomeKind.Error)
            return baseOutcome;
        return subtract.Kind == OutcomeKind.Error ? subtract : Outcome.True;
    }

    private Outcome CheckDirect(string objectText, string relation, CheckContext context, int depth)
    {
        var stored = _index.Find(objectText, relation);
        var contextual = context.Contextual?.Find(objectText, relation);
        if (stored is null && contextual is null)
            return Outcome.False;

        var userText = context.User.Text;
        if (stored?.HasUnconditionalUser(userText) == true || contextual?.HasUnconditionalUser(userText) == true)
            return Outcome.True;

        var combined = new AnyOf();
        foreach (var bucket in (ReadOnlySpan<TupleBucket?>)[stored, contextual])
        {
            if (bucket?.Indirect is null)
                continue;
            foreach (var tuple in bucket.Indirect)
            {
                if (combined.Add(CheckIndirectTuple(tuple, context, depth)))
                    return Outcome.True;
            }
        }

        return combined.Result;
    }

    private Outcome CheckIndirectTuple(IndexedTuple tuple, CheckContext context, int depth)
    {
        var user = context.User;
        var stored = tuple.User;
        var matchesExactly = stored.Text == user.Text;
        var matchesWildcard = stored.IsWildcard && !user.IsUserset && stored.Type == user.Type;
        if (!matchesExactly && !matchesWildcard && !stored.IsUserset)
            return Outcome.False;

        var condition = EvaluateCondition(tuple, context);
        if (condition.Kind != OutcomeKind.True)
            return condition;
        if (matchesExactly || matchesWildcard)
            return Outcome.True;

        return CheckRelation(stored.Object, stored.Type, stored.Relation!, context, depth + 1);
    }

    private Outcome CheckTupleToUserset(string objectText, TupleToUserset ttu, CheckContext context, int depth)
    {
        var stored = _index.Find(objectText, ttu.Tupleset);
        var contextual = context.Contextual?.Find(objectText, ttu.Tupleset);
        var combined = new AnyOf();
        foreach (var bucket in (ReadOnlySpan<TupleBucket?>)[stored, contextual])
        {
            if (bucket?.ObjectUsers is null)
                continue;
            foreach (var tuple in bucket.ObjectUsers)
            {
                if (Model.FindRelation(tuple.User.Type, ttu.ComputedRelation) is null)
                    continue;

                var condition = EvaluateCondition(tuple, context);
                var outcome = condition.Kind == OutcomeKind.True
                    ? CheckRelation(tuple.User.Object, tuple.User.Type, ttu.ComputedRelation, context, depth + 1)
                    : condition;
                if (combined.Add(outcome))
                    return Outcome.True;
            }
        }

        return combined.Result;
    }

    private Outcome EvaluateCondition(IndexedTuple tuple, CheckContext context)
    {
        if (tuple.Condition is null)
            return Outcome.True;
        if (!Model.Conditions.TryGetValue(tuple.Condition.Name, out var definition))
            return Outcome.Fail(new FgaException(FgaErrorCode.ValidationError,
                $"condition '{tuple.Condition.Name}' is not defined"));

        try
        {
            return _conditions.Evaluate(definition, tuple.Condition.Context, context.RequestContext)
                ? Outcome.True
                : Outcome.False;
        }
        catch (FgaException ex)
        {
            return Outcome.Fail(ex);
        }
    }

    private enum OutcomeKind : byte
    {
        False,
        True,
        Error,

        // The resolution came back to a relation already on its path. It counts as "not allowed", and unlike a
        // plain false it does not let an exclusion grant: OpenFGA denies `a but not b` when b is a cycle.
        Cycle,
    }

    private readonly record struct Outcome(OutcomeKind Kind, FgaException? Error)
    {
        public static Outcome True => new(OutcomeKind.True, null);

        public static Outcome False => new(OutcomeKind.False, null);

        public static Outcome Cycle => new(OutcomeKind.Cycle, null);

        public static Outcome Fail(FgaException error) => new(OutcomeKind.Error, error);
    }

    /// <summary>Combines alternatives: any grant wins; otherwise an error beats a cycle, and a cycle beats false.
    /// </summary>
    private struct AnyOf
    {
        private Outcome? _error;
        private bool _cycle;

        public readonly Outcome Result => _error ?? (_cycle ? Outcome.Cycle : Outcome.False);

        /// <summary>Adds one alternative; true when it grants, so the caller can stop.</summary>
        public bool Add(Outcome outcome)
        {
            if (outcome.Kind == OutcomeKind.Error)
                _error ??= outcome;
            _cycle |= outcome.Kind == OutcomeKind.Cycle;
            return outcome.Kind == OutcomeKind.True;
        }
    }

    /// <summary>The state of one check: its user, extras and the relations on the current resolution path, which
    /// is how cycles are found. One instance per thread is reused, so a check allocates no state of its own.
    /// </summary>
    private sealed class CheckContext
    {
        [ThreadStatic]
        private static CheckContext? t_cached;

        private readonly List<(string Object, string Relation)> _path = new(capacity: 8);

        public FgaUser User { get; private set; }

        public TupleIndex? Contextual { get; private set; }

        public IReadOnlyDictionary<string, object?>? RequestContext { get; private set; }

        public static CheckContext Rent(FgaUser user, TupleIndex? contextual,
            IReadOnlyDictionary<string, object?>? requestContext)
        {
            var context = t_cached ?? new CheckContext();
            t_cached = null;
            context.User = user;
            context.Contextual = contextual;
            context.RequestContext = requestContext;
            return context;
        }

        public static void Return(CheckContext context)
        {
            context._path.Clear();
            context.Contextual = null;
            context.RequestContext = null;
            t_cached = context;
        }

        public bool Enter(string objectText, string relation)
        {
            foreach (var (o, r) in _path)
            {
                if (r == relation && o == objectText)
                    return false;
            }

            _path.Add((objectText, relation));
            return true;
        }

        public void Leave() => _path.RemoveAt(_path.Count - 1);
    }
}

/// <summary>Settings for <see cref="EmbeddedFgaEvaluator"/>.</summary>
public sealed class EmbeddedFgaOptions
{
    /// <summary>How deep a check may recurse before it fails with
    /// <see cref="FgaErrorCode.AuthorizationModelResolutionTooComplex"/>; OpenFGA's default is 25.</summary>
    public int MaxDepth { get; set; } = EmbeddedFgaEvaluator.DefaultMaxDepth;

    /// <summary>
    /// Skip tuples that do not fit the model instead of failing, as an OpenFGA server does when it reads tuples
    /// written under an older model. Off by default, so a typo in a tuple file is reported.
    /// </summary>
    public bool IgnoreInvalidTuples { get; set; }
}

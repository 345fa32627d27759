using System.Text.RegularExpressions;
using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>
/// Checks a parsed model against OpenFGA's rules for schema 1.1, with the error kinds and messages of OpenFGA's
/// language tools. Structural problems are reported first; only a model free of them is checked for relations
/// that can never be satisfied (no entrypoint) and for loops of computed relations, as OpenFGA does.
/// </summary>
public static partial class ModelValidator
{
    /// <summary>Returns every problem found; empty when the model is valid.</summary>
    public static IReadOnlyList<ModelProblem> Validate(AuthorizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<ModelProblem>();
        if (model.ModuleHeader is not null || model.SchemaVersion.Length == 0)
        {
            problems.Add(new("schema-version-required", "schema version required", "", 0));
            return problems;
        }

        if (model.SchemaVersion is not ("1.1" or "1.2"))
        {
            problems.Add(new("invalid-schema", $"invalid schema {model.SchemaVersion}", model.SchemaVersion,
                model.SchemaLine));
            return problems;
        }

        // The phases follow OpenFGA's language validator: names first; then references; then duplicates; then
        // entrypoints. A phase runs only when the earlier ones found nothing, because one broken reference would
        // otherwise show up again as a missing entrypoint.
        foreach (var type in model.Types)
        {
            ValidateTypeName(type, problems);
            foreach (var relation in type.Relations)
                ValidateRelationName(type, relation, problems);
        }

        if (problems.Count > 0)
            return problems;

        var usedConditions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in model.Types)
        {
            foreach (var relation in type.Relations)
                ValidateReferences(model, type, relation, problems, usedConditions);
        }

        if (problems.Count == 0)
            ValidateDuplicates(model, problems);
        if (problems.Count == 0)
            ValidateEntrypoints(model, problems);

        foreach (var (key, condition) in model.Conditions)
        {
            if (key != condition.Name)
                problems.Add(new("different-nested-condition-name",
                    $"condition key is `{key}` but nested name property is {condition.Name}", key, condition.Line));
            else if (!usedConditions.Contains(condition.Name))
                problems.Add(new("condition-not-used", $"`{condition.Name}` condition is not used in the model.",
                    condition.Name, condition.Line));
        }

        return problems;
    }

    /// <summary>Throws when the model is invalid.</summary>
    /// <exception cref="FgaModelValidationException">The model breaks a rule.</exception>
    public static void ThrowIfInvalid(AuthorizationModel model)
    {
        var problems = Validate(model);
        if (problems.Count > 0)
            throw new FgaModelValidationException(problems);
    }

    private static void ValidateTypeName(TypeDefinition type, List<ModelProblem> problems)
    {
        if (type.Name is "self" or "this")
            problems.Add(new("reserved-type-keywords", "a type cannot be named 'self' or 'this'.", type.Name,
                type.Line));
        else if (!TypeNamePattern().IsMatch(type.Name))
            problems.Add(new("invalid-name",
                $"type '{type.Name}' does not match naming rule: '^[^:#@\\*\\s]{{1,254}}$'.", type.Name, type.Line));
    }

    private static void ValidateRelationName(TypeDefinition type, RelationDefinition relation,
        List<ModelProblem> problems)
    {
        if (relation.Name is "self" or "this")
            problems.Add(new("reserved-relation-keywords", "a relation cannot be named 'self' or 'this'.",
                relation.Name, relation.Line));
        else if (!RelationNamePattern().IsMatch(relation.Name))
            problems.Add(new("invalid-name", $"relation '{relation.Name}' of type '{type.Name}' does not match "
                + "naming rule: '^[^:#@\\*\\s]{1,50}$'.", relation.Name, relation.Line));
    }

    private static void ValidateReferences(AuthorizationModel model, TypeDefinition type, RelationDefinition relation,
        List<ModelProblem> problems, HashSet<string> usedConditions)
    {
        ValidateTypeRestrictions(model, relation, problems, usedConditions);
        foreach (var node in Walk(relation.Rewrite))
        {
            switch (node)
            {
                case ComputedUserset computed when type.FindRelation(computed.Relation) is null:
                    problems.Add(new("missing-definition", $"the relation `{computed.Relation}` does not exist.",
                        computed.Relation, relation.Line));
                    break;
                case TupleToUserset ttu:
                    ValidateTupleToUserset(model, type, relation, ttu, problems);
                    break;
            }
        }
    }

    private static void ValidateDuplicates(AuthorizationModel model, List<ModelProblem> problems)
    {
        var firstLines = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var type in model.Types)
        {
            // OpenFGA points a duplicated type at its first definition.
            if (!firstLines.TryAdd(type.Name, type.Line))
                problems.Add(new("duplicated-error", $"the type `{type.Name}` is a duplicate.", type.Name,
                    firstLines[type.Name]));

            foreach (var relation in type.Relations)
            {
                var seen = new HashSet<RelationReference>();
                foreach (var reference in relation.DirectlyRelatedTypes)
                {
                    if (!seen.Add(reference))
                        problems.Add(new("duplicated-error", $"the type restriction `{reference}` is a duplicate in "
                            + $"the relation `{relation.Name}`.", reference.ToString(), relation.Line));
                }

                ValidatePartialDuplicates(relation.Rewrite, relation, problems);
            }
        }
    }

    private static void ValidateTypeRestrictions(AuthorizationModel model, RelationDefinition relation,
        List<ModelProblem> problems, HashSet<string> usedConditions)
    {
        foreach (var reference in relation.DirectlyRelatedTypes)
        {
            if (model.FindType(reference.Type) is null)
                problems.Add(new("invalid-type", $"`{reference.Type}` is not a valid type.", reference.Type,
                    relation.Line));
            else if (reference.Relation is not null && model.FindRelation(reference.Type, reference.Relation) is null)
                problems.Add(new("invalid-relation-type",
                    $"`{reference.Relation}` is not a valid relation for `{reference.Type}`.", reference.Relation,
                    relation.Line));

            if (reference.Condition is null)
                continue;
            usedConditions.Add(reference.Condition);
            if (!model.Conditions.ContainsKey(reference.Condition))
                problems.Add(new("condition-not-defined",
                    $"`{reference.Condition}` is not a defined condition in the model.", reference.Condition,
                    relation.Line));
        }
    }

    private static void ValidateTupleToUserset(AuthorizationModel model, TypeDefinition type,
        RelationDefinition relation, TupleToUserset ttu, List<ModelProblem> problems)
    {
        var tupleset = type.FindRelation(ttu.Tupleset);
        if (tupleset is null)
        {
            problems.Add(new("invalid-relation-type", $"`{ttu.Tupleset}` is not a valid relation for `{type.Name}`.",
                ttu.Tupleset, relation.Line));
            return;
        }

        // The relation after 'from' must hold plain objects only: no usersets, wildcards or rewrites.
        if (tupleset.Rewrite is not DirectUserset
            || tupleset.DirectlyRelatedTypes.Any(r => r.Relation is not null || r.Wildcard))
        {
            problems.Add(new("tupleuserset-not-direct",
                $"`{ttu.Tupleset}` relation used inside from allows only direct relation.", ttu.Tupleset,
                relation.Line));
            return;
        }

        var targets = tupleset.DirectlyRelatedTypes.Select(r => r.Type).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Any(t => model.FindRelation(t, ttu.ComputedRelation) is not null))
            return;
        foreach (var target in targets.Where(t => model.FindType(t) is not null))
        {
            problems.Add(new("invalid-relation-on-tupleset",
                $"the `{ttu.ComputedRelation}` relation definition on type `{type.Name}` is not valid: "
                + $"`{ttu.ComputedRelation}` does not exist on `{ttu.Tupleset}`, which is of type `{target}`.",
                ttu.ComputedRelation, relation.Line));
        }
    }

    private static void ValidatePartialDuplicates(Userset node, RelationDefinition relation,
        List<ModelProblem> problems)
    {
        IReadOnlyList<Userset> children = node switch
        {
            UnionUserset u => u.Children,
            IntersectionUserset i => i.Children,
            DifferenceUserset d => [d.Base, d.Subtract],
            _ => [],
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            var text = child switch
            {
                ComputedUserset c => c.Relation,
                TupleToUserset t => $"{t.ComputedRelation} from {t.Tupleset}",
                _ => null,
            };
            if (text is not null && !seen.Add(text))
                problems.Add(new("duplicated-error", $"the partial relation definition `{text}` is a duplicate in "
                    + $"the relation `{relation.Name}`.", text, relation.Line));
        }
    }

    private static void ValidateEntrypoints(AuthorizationModel model, List<ModelProblem> problems)
    {
        foreach (var type in model.Types)
        {
            foreach (var relation in type.Relations)
            {
                var (hasEntry, loop) = FindEntrypoint(model, type.Name, relation.Name, relation.Rewrite, []);
                if (!hasEntry)
                    problems.Add(new("relation-no-entry-point", $"`{relation.Name}` is an impossible relation for "
                        + $"`{type.Name}` ({(loop ? "potential loop" : "no entrypoint")}).", relation.Name,
                        relation.Line));
            }
        }
    }

    // Whether some set of tuples could make the relation hold: a path must end at a directly assignable object
    // type or wildcard without coming back to a relation already on the path. Coming back through a computed
    // relation is reported as a loop.
    private static (bool HasEntry, bool Loop) FindEntrypoint(AuthorizationModel model, string typeName,
        string relationName, Userset rewrite, HashSet<(string Type, string Relation)> visited)
    {
        visited = [.. visited, (typeName, relationName)];
        var relation = model.FindRelation(typeName, relationName);
        if (relation is null)
            return (false, false);

        switch (rewrite)
        {
            case DirectUserset:
                foreach (var reference in relation.DirectlyRelatedTypes)
                {
                    if (reference.Relation is null)
                        return (true, false);
                    var target = model.FindRelation(reference.Type, reference.Relation);
                    if (target is null)
                        return (false, false);
                    if (visited.Contains((reference.Type, reference.Relation)))
                        continue;
                    if (FindEntrypoint(model, reference.Type, reference.Relation, target.Rewrite, visited).HasEntry)
                        return (true, false);
                }

                return (false, false);
            case ComputedUserset computed:
                var computedRelation = model.FindRelation(typeName, computed.Relation);
                if (computedRelation is null)
                    return (false, false);
                return visited.Contains((typeName, computed.Relation))
                    ? (false, true)
                    : FindEntrypoint(model, typeName, computed.Relation, computedRelation.Rewrite, visited);
            case TupleToUserset ttu:
                foreach (var reference in model.FindRelation(typeName, ttu.Tupleset)?.DirectlyRelatedTypes ?? [])
                {
                    var target = model.FindRelation(reference.Type, ttu.ComputedRelation);
                    if (target is null || visited.Contains((reference.Type, ttu.ComputedRelation)))
                        continue;
                    if (FindEntrypoint(model, reference.Type, ttu.ComputedRelation, target.Rewrite, visited).HasEntry)
                        return (true, false);
                }

                return (false, false);
            case UnionUserset union:
                var loop = false;
                foreach (var child in union.Children)
                {
                    var result = FindEntrypoint(model, typeName, relationName, child, visited);
                    if (result.HasEntry)
                        return (true, false);
                    loop |= result.Loop;
                }

                return (false, loop);
            case IntersectionUserset intersection:
                foreach (var child in intersection.Children)
                {
                    var result = FindEntrypoint(model, typeName, relationName, child, visited);
                    if (!result.HasEntry)
                        return result;
                }

                return (true, false);
            case DifferenceUserset difference:
                var baseResult = FindEntrypoint(model, typeName, relationName, difference.Base, visited);
                if (!baseResult.HasEntry)
                    return baseResult;
                var subtractResult = FindEntrypoint(model, typeName, relationName, difference.Subtract, visited);
                return subtractResult.HasEntry ? (true, false) : subtractResult;
            default:
                return (false, false);
        }
    }

    internal static IEnumerable<Userset> Walk(Userset root)
    {
        yield return root;
        IEnumerable<Userset> children = root switch
        {
            UnionUserset u => u.Children,
            IntersectionUserset i => i.Children,
            DifferenceUserset d => [d.Base, d.Subtract],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var node in Walk(child))
                yield return node;
        }
    }

    [GeneratedRegex(@"^[^:#@\*\s]{1,254}$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^[^:#@\*\s]{1,50}$")]
    private static partial Regex RelationNamePattern();
}

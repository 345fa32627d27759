using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>Checks a parsed model against OpenFGA's rules for schema 1.1.</summary>
public static class ModelValidator
{
    /// <summary>Returns every problem found; empty when the model is valid.</summary>
    public static IReadOnlyList<ModelProblem> Validate(AuthorizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<ModelProblem>();
        var seenTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in model.Types)
        {
            if (type.Name is "self" or "this")
                problems.Add(new("reserved-type-keywords", "a type cannot be named 'self' or 'this'.", type.Name));
            if (!seenTypes.Add(type.Name))
                problems.Add(new("duplicated-error", $"the type `{type.Name}` is a duplicate.", type.Name));

            foreach (var relation in type.Relations)
                ValidateRelation(model, type, relation, problems);
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

    private static void ValidateRelation(AuthorizationModel model, TypeDefinition type, RelationDefinition relation,
        List<ModelProblem> problems)
    {
        if (relation.Name is "self" or "this")
            problems.Add(new("reserved-relation-keywords", "a relation cannot be named 'self' or 'this'.",
                relation.Name));

        foreach (var reference in relation.DirectlyRelatedTypes)
        {
            if (model.FindType(reference.Type) is null)
                problems.Add(new("invalid-type", $"`{reference.Type}` is not a valid type.", reference.Type));
            else if (reference.Relation is not null && model.FindRelation(reference.Type, reference.Relation) is null)
                problems.Add(new("missing-definition", $"the relation `{reference.Relation}` does not exist.",
                    reference.Relation));
            if (reference.Condition is not null && !model.Conditions.ContainsKey(reference.Condition))
                problems.Add(new("condition-not-defined", $"`{reference.Condition}` is not a defined condition.",
                    reference.Condition));
        }

        foreach (var node in Walk(relation.Rewrite))
        {
            switch (node)
            {
                case ComputedUserset computed when type.FindRelation(computed.Relation) is null:
                    problems.Add(new("missing-definition", $"the relation `{computed.Relation}` does not exist.",
                        computed.Relation));
                    break;
                case TupleToUserset ttu when type.FindRelation(ttu.Tupleset) is null:
                    problems.Add(new("missing-definition", $"the relation `{ttu.Tupleset}` does not exist.",
                        ttu.Tupleset));
                    break;
            }
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
}

using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>Checks a tuple against a model the way OpenFGA does before it stores or reads one.</summary>
internal static class TupleValidator
{
    /// <summary>Returns why <paramref name="tuple"/> does not fit <paramref name="model"/>, or null when it fits.
    /// </summary>
    public static string? FindProblem(AuthorizationModel model, RelationshipTuple tuple, out FgaUser user,
        out FgaUser target)
    {
        user = default;
        if (!FgaUser.TryParseObject(tuple.Object, out target, model))
            return $"invalid 'object' field format '{tuple.Object}'";
        if (!FgaUser.TryParse(tuple.User, out user, model))
            return $"invalid 'user' field format '{tuple.User}'";
        if (string.IsNullOrEmpty(tuple.Relation))
            return $"invalid relation '{tuple.Relation}'";

        var type = model.FindType(target.Type);
        if (type is null)
            return $"type '{target.Type}' not found";
        var relation = type.FindRelation(tuple.Relation);
        if (relation is null)
            return $"relation '{target.Type}#{tuple.Relation}' not found";
        if (model.FindType(user.Type) is null)
            return $"type '{user.Type}' not found";
        if (user.Relation is not null && model.FindRelation(user.Type, user.Relation) is null)
            return $"relation '{user.Type}#{user.Relation}' not found";

        var condition = tuple.Condition?.Name;
        if (condition is not null && !model.Conditions.ContainsKey(condition))
            return $"condition '{condition}' is not defined";

        foreach (var allowed in relation.DirectlyRelatedTypes)
        {
            if (allowed.Type == user.Type && allowed.Wildcard == user.IsWildcard && allowed.Relation == user.Relation
                && allowed.Condition == condition)
                return null;
        }

        return $"type '{user.Type}{(user.IsWildcard ? ":*" : user.Relation is null ? "" : "#" + user.Relation)}'"
            + (condition is null ? "" : $" with condition '{condition}'")
            + $" is not an allowed type restriction for '{target.Type}#{tuple.Relation}'";
    }
}

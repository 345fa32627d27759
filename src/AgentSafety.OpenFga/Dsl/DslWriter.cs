using System.Text;
using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>Writes a model in the OpenFGA DSL, laid out the way OpenFGA's own transformer lays it out.</summary>
public static class DslWriter
{
    /// <summary>Writes <paramref name="model"/> as DSL text.</summary>
    public static string Write(AuthorizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var builder = new StringBuilder();
        builder.Append("model\n  schema ").Append(model.SchemaVersion).Append('\n');
        foreach (var type in model.Types)
        {
            builder.Append("\ntype ").Append(type.Name).Append('\n');
            if (type.Relations.Count == 0)
                continue;

            builder.Append("  relations\n");
            foreach (var relation in type.Relations)
            {
                builder.Append("    define ").Append(relation.Name).Append(": ")
                    .Append(WriteRewrite(relation.Rewrite, relation, nested: false)).Append('\n');
            }
        }

        foreach (var condition in model.Conditions.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var parameters = condition.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.Name}: {p.TypeText}");
            builder.Append("\ncondition ").Append(condition.Name).Append('(').AppendJoin(", ", parameters)
                .Append(") {\n");
            foreach (var line in condition.Expression.Split('\n'))
                builder.Append("  ").Append(line).Append('\n');
            builder.Append("}\n");
        }

        return builder.ToString();
    }

    private static string WriteRewrite(Userset rewrite, RelationDefinition relation, bool nested)
    {
        var text = rewrite switch
        {
            DirectUserset => "[" + string.Join(", ", relation.DirectlyRelatedTypes) + "]",
            ComputedUserset computed => computed.Relation,
            TupleToUserset ttu => $"{ttu.ComputedRelation} from {ttu.Tupleset}",
            UnionUserset union => string.Join(" or ", union.Children.Select(c => WriteRewrite(c, relation, true))),
            IntersectionUserset intersection =>
                string.Join(" and ", intersection.Children.Select(c => WriteRewrite(c, relation, true))),
            DifferenceUserset difference => WriteRewrite(difference.Base, relation, true) + " but not "
                + WriteRewrite(difference.Subtract, relation, true),
            _ => throw new ArgumentOutOfRangeException(nameof(rewrite)),
        };
        var compound = rewrite is UnionUserset or IntersectionUserset or DifferenceUserset;
        return nested && compound ? $"({text})" : text;
    }
}

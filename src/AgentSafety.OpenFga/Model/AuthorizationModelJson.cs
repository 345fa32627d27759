using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentSafety.OpenFga.Model;

/// <summary>
/// Reads and writes models in OpenFGA's JSON shape (<c>schema_version</c>, <c>type_definitions</c>,
/// <c>conditions</c>), the shape the HTTP API and <c>fga model transform</c> use.
/// </summary>
public static class AuthorizationModelJson
{
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.Ordinal)
    {
        ["any"] = "TYPE_NAME_ANY", ["bool"] = "TYPE_NAME_BOOL", ["string"] = "TYPE_NAME_STRING",
        ["int"] = "TYPE_NAME_INT", ["uint"] = "TYPE_NAME_UINT", ["double"] = "TYPE_NAME_DOUBLE",
        ["duration"] = "TYPE_NAME_DURATION", ["timestamp"] = "TYPE_NAME_TIMESTAMP", ["map"] = "TYPE_NAME_MAP",
        ["list"] = "TYPE_NAME_LIST", ["ipaddress"] = "TYPE_NAME_IPADDRESS",
    };

    private static readonly Dictionary<string, string> DslTypeNames =
        TypeNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Parses a model from its JSON text (not validated; a missing <c>schema_version</c> is left empty
    /// for the validator to report).</summary>
    /// <exception cref="FormatException">The JSON does not have the model's shape.</exception>
    public static AuthorizationModel Parse(string json)
    {
        try
        {
            var node = JsonNode.Parse(json) as JsonObject
                ?? throw new FormatException("the model JSON must be an object");
            return FromNode(node);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the model is not valid JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("the model JSON has an unexpected shape: " + ex.Message, ex);
        }
    }

    /// <summary>Reads a model from a JSON object (an API response's <c>authorization_model</c>).</summary>
    public static AuthorizationModel FromNode(JsonObject node)
    {
        var schema = node["schema_version"]?.GetValue<string>() ?? "";
        var types = new List<TypeDefinition>();
        foreach (var typeNode in node["type_definitions"]?.AsArray() ?? [])
            types.Add(ReadType(typeNode!.AsObject()));

        var conditions = new Dictionary<string, ConditionDefinition>(StringComparer.Ordinal);
        foreach (var (key, value) in node["conditions"]?.AsObject() ?? [])
            conditions[key] = ReadCondition(key, value!.AsObject());
        return new AuthorizationModel(schema, types, conditions, node["id"]?.GetValue<string>());
    }

    /// <summary>Writes the model as indented JSON.</summary>
    public static string Serialize(AuthorizationModel model, bool indented = true) =>
        ToNode(model).ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    /// <summary>Writes the model as a JSON object, in the shape the API expects in a write-model request.</summary>
    public static JsonObject ToNode(AuthorizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var types = new JsonArray();
        foreach (var type in model.Types)
            types.Add(WriteType(type));

        var root = new JsonObject { ["schema_version"] = model.SchemaVersion, ["type_definitions"] = types };
        if (model.Conditions.Count > 0)
        {
            var conditions = new JsonObject();
            foreach (var condition in model.Conditions.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
                conditions[condition.Name] = WriteCondition(condition);
            root["conditions"] = conditions;
        }

        return root;
    }

    private static TypeDefinition ReadType(JsonObject node)
    {
        var name = node["type"]?.GetValue<string>() ?? throw new FormatException("a type definition has no 'type'");
        var metadata = node["metadata"]?["relations"]?.AsObject();
        var relations = new List<RelationDefinition>();
        foreach (var (relationName, rewrite) in node["relations"]?.AsObject() ?? [])
        {
            var direct = new List<RelationReference>();
            foreach (var reference in metadata?[relationName]?["directly_related_user_types"]?.AsArray() ?? [])
            {
                direct.Add(new RelationReference(
                    reference!["type"]!.GetValue<string>(),
                    reference["relation"]?.GetValue<string>() is { Length: > 0 } r ? r : null,
                    reference["wildcard"] is not null,
                    reference["condition"]?.GetValue<string>() is { Length: > 0 } c ? c : null));
            }

            relations.Add(new RelationDefinition(relationName, ReadUserset(rewrite!.AsObject()), direct));
        }

        return new TypeDefinition(name, relations, node["metadata"]?["module"]?.GetValue<string>());
    }

    private static Userset ReadUserset(JsonObject node)
    {
        if (node["this"] is not null)
            return DirectUserset.Instance;
        if (node["computedUserset"] is JsonObject computed)
            return new ComputedUserset(computed["relation"]!.GetValue<string>());
        if (node["tupleToUserset"] is JsonObject ttu)
            return new TupleToUserset(ttu["tupleset"]!["relation"]!.GetValue<string>(),
                ttu["computedUserset"]!["relation"]!.GetValue<string>());
        if (node["union"] is JsonObject union)
            return new UnionUserset(ReadChildren(union));
        if (node["intersection"] is JsonObject intersection)
            return new IntersectionUserset(ReadChildren(intersection));
        if (node["difference"] is JsonObject difference)
            return new DifferenceUserset(ReadUserset(difference["base"]!.AsObject()),
                ReadUserset(difference["subtract"]!.AsObject()));
        throw new FormatException("a relation rewrite has none of this, computedUserset, tupleToUserset, union, "
            + "intersection or difference");
    }

    private static List<Userset> ReadChildren(JsonObject node) =>
        (node["child"]?.AsArray() ?? []).Select(c => ReadUserset(c!.AsObject())).ToList();

    private static ConditionDefinition ReadCondition(string key, JsonObject node)
    {
        var parameters = new List<ConditionParameter>();
        foreach (var (name, value) in node["parameters"]?.AsObject() ?? [])
        {
            var type = ToDslType(value!["type_name"]?.GetValue<string>());
            var generic = value["generic_types"]?.AsArray().FirstOrDefault()?["type_name"]?.GetValue<string>();
            parameters.Add(new ConditionParameter(name, type, generic is null ? null : ToDslType(generic)));
        }

        return new ConditionDefinition(node["name"]?.GetValue<string>() ?? key,
            node["expression"]?.GetValue<string>() ?? "", parameters);
    }

    private static string ToDslType(string? apiName) =>
        apiName is not null && DslTypeNames.TryGetValue(apiName, out var name)
            ? name
            : throw new FormatException($"'{apiName}' is not a condition parameter type");

    private static JsonObject WriteType(TypeDefinition type)
    {
        var relations = new JsonObject();
        var metadata = new JsonObject();
        foreach (var relation in type.Relations)
        {
            relations[relation.Name] = WriteUserset(relation.Rewrite);
            var direct = new JsonArray();
            foreach (var reference in relation.DirectlyRelatedTypes)
            {
                var item = new JsonObject { ["type"] = reference.Type };
                if (reference.Relation is not null)
                    item["relation"] = reference.Relation;
                if (reference.Wildcard)
                    item["wildcard"] = new JsonObject();
                if (reference.Condition is not null)
                    item["condition"] = reference.Condition;
                direct.Add(item);
            }

            metadata[relation.Name] = new JsonObject { ["directly_related_user_types"] = direct };
        }

        JsonObject? meta = null;
        if (type.Relations.Count > 0 || type.Module is not null)
        {
            meta = new JsonObject { ["relations"] = metadata };
            if (type.Module is not null)
                meta["module"] = type.Module;
        }

        var node = new JsonObject { ["type"] = type.Name, ["relations"] = relations };
        if (meta is not null)
            node["metadata"] = meta;
        return node;
    }

    private static JsonObject WriteUserset(Userset userset) => userset switch
    {
        DirectUserset => new JsonObject { ["this"] = new JsonObject() },
        ComputedUserset c => new JsonObject { ["computedUserset"] = new JsonObject { ["relation"] = c.Relation } },
        TupleToUserset t => new JsonObject
        {
            ["tupleToUserset"] = new JsonObject
            {
                ["tupleset"] = new JsonObject { ["relation"] = t.Tupleset },
                ["computedUserset"] = new JsonObject { ["relation"] = t.ComputedRelation },
            },
        },
        UnionUserset u => new JsonObject { ["union"] = WriteChildren(u.Children) },
        IntersectionUserset i => new JsonObject { ["intersection"] = WriteChildren(i.Children) },
        DifferenceUserset d => new JsonObject
        {
            ["difference"] = new JsonObject
            {
                ["base"] = WriteUserset(d.Base),
                ["subtract"] = WriteUserset(d.Subtract),
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(userset)),
    };

    private static JsonObject WriteChildren(IReadOnlyList<Userset> children)
    {
        var array = new JsonArray();
        foreach (var child in children)
            array.Add(WriteUserset(child));
        return new JsonObject { ["child"] = array };
    }

    private static JsonObject WriteCondition(ConditionDefinition condition)
    {
        var parameters = new JsonObject();
        foreach (var parameter in condition.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var item = new JsonObject { ["type_name"] = TypeNames[parameter.Type] };
            if (parameter.GenericType is not null)
            {
                item["generic_types"] =
                    new JsonArray(new JsonObject { ["type_name"] = TypeNames[parameter.GenericType] });
            }

            parameters[parameter.Name] = item;
        }

        return new JsonObject
        {
            ["name"] = condition.Name,
            ["expression"] = condition.Expression,
            ["parameters"] = parameters,
        };
    }
}

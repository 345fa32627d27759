using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Tuples;

/// <summary>
/// Reads tuples in the format of the <c>tuples:</c> list of the OpenFGA CLI's <c>store.fga.yaml</c>: items with
/// <c>user</c>, <c>relation</c>, <c>object</c> and an optional <c>condition</c> (<c>name</c>, <c>context</c>).
/// The list may stand at the top of the file or under a <c>tuples:</c> key.
/// </summary>
public static class TupleFile
{
    /// <summary>Reads tuples from a file.</summary>
    /// <exception cref="FormatException">The file is not a tuple list.</exception>
    public static IReadOnlyList<RelationshipTuple> Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads tuples from YAML text (JSON is YAML too).</summary>
    /// <exception cref="FormatException">The text is not a tuple list.</exception>
    public static IReadOnlyList<RelationshipTuple> Parse(string yaml, string source = "tuples")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}: not valid YAML ({ex.Message})", ex);
        }

        if (stream.Documents.Count == 0)
            return [];
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            var tuples = YamlValues.Get(mapping, "tuples");
            if (tuples is null)
                throw new FormatException($"{source}: expected a list of tuples or a 'tuples:' key");
            root = tuples;
        }

        if (root is YamlScalarNode { Value: null or "" })
            return [];
        if (root is not YamlSequenceNode sequence)
            throw new FormatException($"{source}: 'tuples' must be a list");
        return ReadList(sequence, source);
    }

    internal static IReadOnlyList<RelationshipTuple> ReadList(YamlSequenceNode? sequence, string source)
    {
        if (sequence is null)
            return [];
        var result = new List<RelationshipTuple>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode map)
                throw new FormatException($"{source} line {item.Start.Line}: a tuple must be a mapping");
            result.Add(ReadTuple(map, source));
        }

        return result;
    }

    internal static RelationshipTuple ReadTuple(YamlMappingNode map, string source)
    {
        string Required(string key) => YamlValues.GetString(map, key) is { Length: > 0 } value
            ? value
            : throw new FormatException($"{source} line {map.Start.Line}: the tuple has no '{key}'");

        TupleCondition? condition = null;
        if (YamlValues.Get(map, "condition") is YamlMappingNode conditionNode)
        {
            var name = YamlValues.GetString(conditionNode, "name")
                ?? throw new FormatException($"{source} line {map.Start.Line}: the condition has no 'name'");
            var context = YamlValues.Get(conditionNode, "context") is YamlMappingNode contextNode
                ? YamlValues.ToMap(contextNode)
                : null;
            condition = new TupleCondition(name, context);
        }

        return new RelationshipTuple(Required("user"), Required("relation"), Required("object"), condition);
    }
}

using AgentSafety.OpenFga.Tuples;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Tests.Conformance;

/// <summary>OpenFGA's query-API test data: tests, their stages, and the assertions of each stage.</summary>
internal sealed record ConformanceTest(int Index, string Name, string File, IReadOnlyList<ConformanceStage> Stages);

internal sealed record ConformanceStage(
    string Model,
    IReadOnlyList<RelationshipTuple> Tuples,
    IReadOnlyList<CheckAssertion> Checks,
    IReadOnlyList<ListObjectsAssertion> ListObjects);

internal sealed record CheckAssertion(
    RelationshipTuple Tuple,
    IReadOnlyList<RelationshipTuple> ContextualTuples,
    IReadOnlyDictionary<string, object?>? Context,
    bool? Expectation,
    int? ErrorCode);

internal sealed record ListObjectsAssertion(
    string User,
    string Type,
    string Relation,
    IReadOnlyList<RelationshipTuple> ContextualTuples,
    IReadOnlyDictionary<string, object?>? Context,
    IReadOnlyList<string> Expectation,
    int? ErrorCode);

internal static class ConformanceSuite
{
    public static IReadOnlyList<ConformanceTest> Load(string fileName)
    {
        var path = SharedData.PathOf("conformance", "openfga", fileName);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var tests = (YamlSequenceNode)root.Children[new YamlScalarNode("tests")];
        return tests.Children.Cast<YamlMappingNode>()
            .Select((test, index) => new ConformanceTest(
                index,
                Text(test, "name")!,
                fileName,
                Sequence(test, "stages").Cast<YamlMappingNode>().Select(ReadStage).ToList()))
            .ToList();
    }

    private static ConformanceStage ReadStage(YamlMappingNode stage) => new(
        Text(stage, "model") ?? "",
        Tuples(stage, "tuples"),
        Sequence(stage, "checkAssertions").Cast<YamlMappingNode>().Select(ReadCheck).ToList(),
        Sequence(stage, "listObjectsAssertions").Cast<YamlMappingNode>().Select(ReadListObjects).ToList());

    private static CheckAssertion ReadCheck(YamlMappingNode node) => new(
        TupleFile.ReadTuple((YamlMappingNode)node.Children[new YamlScalarNode("tuple")], "assertion"),
        Tuples(node, "contextualTuples"),
        Context(node),
        Text(node, "expectation") is { } expected ? bool.Parse(expected) : null,
        Text(node, "errorCode") is { } code ? int.Parse(code) : null);

    private static ListObjectsAssertion ReadListObjects(YamlMappingNode node)
    {
        var request = (YamlMappingNode)node.Children[new YamlScalarNode("request")];
        return new ListObjectsAssertion(
            Text(request, "user")!,
            Text(request, "type")!,
            Text(request, "relation")!,
            Tuples(node, "contextualTuples"),
            Context(node),
            Sequence(node, "expectation").Cast<YamlScalarNode>().Select(s => s.Value!).ToList(),
            Text(node, "errorCode") is { } code ? int.Parse(code) : null);
    }

    private static IReadOnlyDictionary<string, object?>? Context(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("context"), out var context) && context is YamlMappingNode map
            ? (IReadOnlyDictionary<string, object?>)YamlValues.ToMap(map)
            : null;

    private static IReadOnlyList<RelationshipTuple> Tuples(YamlMappingNode node, string key) =>
        Sequence(node, key).Cast<YamlMappingNode>().Select(t => TupleFile.ReadTuple(t, key)).ToList();

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children
            : [];
}

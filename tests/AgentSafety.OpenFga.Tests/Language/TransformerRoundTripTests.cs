using System.Text.Json.Nodes;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Tests.Language;

/// <summary>The 29 DSL/JSON model pairs of OpenFGA's language project. Some pairs are not valid models (they test
/// the syntax only), so these tests parse without the semantic checks.</summary>
public sealed class TransformerRoundTripTests
{
    public static TheoryData<string> Pairs()
    {
        var data = new TheoryData<string>();
        var root = SharedData.PathOf("conformance", "openfga-language", "transformer");
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void TransformerData_HasTwentyNinePairs() => Assert.Equal(29, Pairs().Count);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Dsl_ParsesToTheExpectedJson(string pair)
    {
        var (dsl, json) = Read(pair);

        var model = DslParser.ParseUnvalidated(dsl);

        AssertJsonEqual(json, AuthorizationModelJson.Serialize(model));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Json_WritesTheExpectedDsl(string pair)
    {
        var (dsl, json) = Read(pair);

        var written = DslWriter.Write(AuthorizationModelJson.Parse(json));

        Assert.Equal(Normalize(dsl), Normalize(written));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void DslWrittenFromParsedDsl_ParsesToTheSameModel(string pair)
    {
        var (dsl, _) = Read(pair);
        var model = DslParser.ParseUnvalidated(dsl);

        var again = DslParser.ParseUnvalidated(DslWriter.Write(model));

        Assert.Equal(AuthorizationModelJson.Serialize(model), AuthorizationModelJson.Serialize(again));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ConditionsOfEveryPair_Compile(string pair)
    {
        var model = DslParser.ParseUnvalidated(Read(pair).Dsl);
        var evaluator = new AgentSafety.OpenFga.Evaluation.CelConditionEvaluator();

        foreach (var condition in model.Conditions.Values)
            Assert.NotNull(evaluator.Compile(condition));
    }

    private static (string Dsl, string Json) Read(string pair)
    {
        var dir = SharedData.PathOf("conformance", "openfga-language", "transformer", pair);
        return (File.ReadAllText(Path.Combine(dir, "authorization-model.fga")),
            File.ReadAllText(Path.Combine(dir, "authorization-model.json")));
    }

    private static void AssertJsonEqual(string expected, string actual)
    {
        var left = Canonical(JsonNode.Parse(expected));
        var right = Canonical(JsonNode.Parse(actual));
        Assert.Equal(left, right);
    }

    // Drops what carries no meaning (nulls, empty lists, empty metadata) and sorts object keys, so the comparison is
    // about content, not layout.
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj
            .Where(p => p.Value is not null && p.Value is not JsonArray { Count: 0 }
                && !(p.Key == "metadata" && IsEmptyMetadata(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };

    private static bool IsEmptyMetadata(JsonNode node) =>
        node is JsonObject obj && (obj["relations"] is null || obj["relations"] is JsonObject { Count: 0 })
        && obj.Count(p => p.Value is not null) <= 1;

    private static string Normalize(string dsl) => string.Join("\n", dsl.Replace("\r\n", "\n").Split('\n')
        .Select(l => DslParser.StripComment(l).TrimEnd()).Where(l => l.Length > 0));
}

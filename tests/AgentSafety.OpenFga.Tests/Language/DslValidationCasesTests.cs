using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tests.Conformance;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Tests.Language;

/// <summary>
/// The DSL syntax and semantic validation cases of OpenFGA's language project. Semantic errors must match in kind,
/// message and line. Syntax errors must be rejected on the expected line; the wording is ours, since OpenFGA's is
/// ANTLR's. Cases marked <c>skip: true</c> are skipped, as OpenFGA's own harness does. Cases that do not pass are
/// listed in <c>Conformance/known-failures.txt</c>.
/// </summary>
public sealed class DslValidationCasesTests(ITestOutputHelper output)
{
    [Fact]
    public void SemanticCases_ReportTheExpectedErrors()
    {
        var results = new List<CaseResult>();
        var skipped = 0;
        foreach (var (name, dsl, expected) in LoadCases("dsl-semantic-validation-cases.yaml"))
        {
            if (expected is [(SkipMarker, _, _)])
            {
                skipped++;
                continue;
            }

            string actual;
            try
            {
                var model = DslParser.ParseUnvalidated(dsl);
                actual = Describe(ModelValidator.Validate(model)
                    .Select(p => $"{p.Kind} | {p.Message} | line {p.Line}"));
            }
            catch (FgaModelSyntaxException ex)
            {
                actual = "syntax error: " + ex.Message;
            }

            var wanted = Describe(expected.Select(e => $"{e.Kind} | {e.Message} | line {e.Line}"));
            results.Add(new CaseResult(name, "semantic", actual == wanted,
                actual == wanted ? null : $"expected [{wanted}], got [{actual}]"));
        }

        output.WriteLine($"dsl-semantic-validation-cases.yaml: {skipped} cases marked 'skip' were not run");
        Report("dsl-semantic-validation-cases.yaml", results);
    }

    [Fact]
    public void SyntaxCases_AreRejectedOnTheExpectedLine()
    {
        var results = new List<CaseResult>();
        foreach (var (name, dsl, expected) in LoadCases("dsl-syntax-validation-cases.yaml"))
        {
            Assert.False(expected is [(SkipMarker, _, _)], "the syntax cases have no skipped case today");
            string actual;
            try
            {
                DslParser.ParseUnvalidated(dsl);
                actual = "accepted";
            }
            catch (FgaModelSyntaxException ex)
            {
                actual = $"rejected on line {ex.Line}";
            }

            var wanted = expected.Count == 0 ? "accepted" : $"rejected on line {expected.Min(e => e.Line)}";
            results.Add(new CaseResult(name, "syntax", actual == wanted,
                actual == wanted ? null : $"expected {wanted}, got {actual}"));
        }

        Report("dsl-syntax-validation-cases.yaml", results);
    }

    [Fact]
    public void JsonCases_ReportTheExpectedErrors()
    {
        var results = new List<CaseResult>();
        foreach (var node in LoadYaml("json-validation-cases.yaml"))
        {
            var name = Scalar(node, "name")!;
            string actual;
            try
            {
                var model = AgentSafety.OpenFga.Model.AuthorizationModelJson.Parse(Scalar(node, "json")!);
                actual = Describe(ModelValidator.Validate(model).Select(p => $"{p.Kind} | {p.Message}"));
            }
            catch (FormatException ex)
            {
                actual = "unreadable: " + ex.Message;
            }

            var expected = node.Children.TryGetValue(new YamlScalarNode("expected_errors"), out var list)
                && list is YamlSequenceNode sequence
                    ? sequence.Children.Cast<YamlMappingNode>().Select(e =>
                        $"{Scalar((YamlMappingNode)e.Children[new YamlScalarNode("metadata")], "errorType")} | "
                        + Scalar(e, "msg"))
                    : [];
            var wanted = Describe(expected);
            results.Add(new CaseResult(name, "json", actual == wanted,
                actual == wanted ? null : $"expected [{wanted}], got [{actual}]"));
        }

        Report("json-validation-cases.yaml", results);
    }

    [Fact]
    public void ObjectIdCases_AreClassifiedLikeOpenFga()
    {
        var results = new List<CaseResult>();
        foreach (var node in LoadYaml("object-id-validation-cases.yaml"))
        {
            var id = Scalar(node, "object_id")!;
            var expected = Scalar(node, "valid") == "true";
            var actual = FgaObjectId.IsValid(id);
            results.Add(new CaseResult(Scalar(node, "name")!, "object-id", actual == expected,
                actual == expected ? null : $"'{id}': expected valid={expected}, got {actual}"));
        }

        Report("object-id-validation-cases.yaml", results);
    }

    private static IEnumerable<YamlMappingNode> LoadYaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(SharedData.PathOf("conformance", "openfga-language", file))));
        return ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private void Report(string file, List<CaseResult> results)
    {
        var known = KnownFailures.For(file);
        var failures = results.Where(r => !r.Passed).ToList();
        foreach (var failure in failures)
        {
            var note = known.TryGetValue(failure.Id, out var reason) ? $" [known: {reason}]" : " [NEW]";
            output.WriteLine($"FAIL {failure.Id}: {failure.Reason}{note}");
        }

        var unexpected = failures.Select(f => f.Id).Except(known.Keys).ToList();
        var nowPassing = known.Keys.Except(failures.Select(f => f.Id)).ToList();
        foreach (var id in nowPassing)
            output.WriteLine($"NOW PASSING (remove from known-failures.txt): {id}");
        output.WriteLine($"SUMMARY {file}: {results.Count(r => r.Passed)} passed, {failures.Count} failed "
            + $"({failures.Count - unexpected.Count} known) of {results.Count}");

        Assert.Empty(unexpected);
        Assert.Empty(nowPassing);
    }

    private const string SkipMarker = "skip";

    private static string Describe(IEnumerable<string> errors) =>
        string.Join("; ", errors.Order(StringComparer.Ordinal));

    private static IEnumerable<(string Name, string Dsl, List<(string Kind, string Message, int Line)> Errors)>
        LoadCases(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(SharedData.PathOf("conformance", "openfga-language", file))));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)node.Children[new YamlScalarNode("name")]).Value!;
            seen[name] = seen.GetValueOrDefault(name) + 1;
            if (seen[name] > 1)
                name += $" (#{seen[name]})";

            // OpenFGA's own harness skips the cases marked 'skip: true' (rules no implementation enforces yet).
            if (node.Children.TryGetValue(new YamlScalarNode("skip"), out var skip) && skip.ToString() == "true")
            {
                yield return (name, "", [(SkipMarker, "", 0)]);
                continue;
            }

            var dsl = ((YamlScalarNode)node.Children[new YamlScalarNode("dsl")]).Value!;
            var errors = new List<(string, string, int)>();
            if (node.Children.TryGetValue(new YamlScalarNode("expected_errors"), out var list)
                && list is YamlSequenceNode sequence)
            {
                foreach (var error in sequence.Children.Cast<YamlMappingNode>())
                {
                    var message = ((YamlScalarNode)error.Children[new YamlScalarNode("msg")]).Value!;
                    var kind = error.Children.TryGetValue(new YamlScalarNode("metadata"), out var meta)
                        && meta is YamlMappingNode metadata
                        && metadata.Children.TryGetValue(new YamlScalarNode("errorType"), out var type)
                            ? ((YamlScalarNode)type).Value!
                            : "syntax";
                    var line = error.Children.TryGetValue(new YamlScalarNode("line"), out var lines)
                        && lines is YamlMappingNode lineMap
                            ? int.Parse(((YamlScalarNode)lineMap.Children[new YamlScalarNode("start")]).Value!)
                            : 0;
                    errors.Add((kind, message, line));
                }
            }

            yield return (name, dsl, errors);
        }
    }
}

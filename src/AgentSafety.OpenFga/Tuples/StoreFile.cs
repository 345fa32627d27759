using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Tuples;

/// <summary>
/// An OpenFGA CLI store file (<c>store.fga.yaml</c>): a model (<c>model</c> inline, or <c>model_file</c> naming a
/// DSL, JSON or <c>fga.mod</c> file), tuples (<c>tuples</c>, <c>tuple_file</c> or <c>tuple_files</c>) and
/// <c>tests</c> with <c>check</c> and <c>list_objects</c> assertions, so an existing store can run in process.
/// </summary>
/// <remarks><c>list_users</c> assertions are read but not run; <see cref="RunTests"/> reports them as skipped.
/// </remarks>
public sealed class StoreFile
{
    private StoreFile(string? name, AuthorizationModel model, IReadOnlyList<RelationshipTuple> tuples,
        IReadOnlyList<StoreTest> tests)
    {
        Name = name;
        Model = model;
        Tuples = tuples;
        Tests = tests;
    }

    /// <summary>The store name.</summary>
    public string? Name { get; }

    /// <summary>The model.</summary>
    public AuthorizationModel Model { get; }

    /// <summary>The store's tuples.</summary>
    public IReadOnlyList<RelationshipTuple> Tuples { get; }

    /// <summary>The tests.</summary>
    public IReadOnlyList<StoreTest> Tests { get; }

    /// <summary>Loads a store file; relative <c>model_file</c> and <c>tuple_file</c> paths are resolved against
    /// the file's folder.</summary>
    /// <exception cref="FormatException">The file is malformed.</exception>
    /// <exception cref="FgaException">The model is invalid.</exception>
    public static StoreFile Load(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(File.ReadAllText(path), folder, path);
    }

    /// <summary>Parses store file text; <paramref name="baseFolder"/> resolves referenced files.</summary>
    public static StoreFile Parse(string yaml, string baseFolder, string source = "store.fga.yaml")
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

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}: expected a mapping with 'model' or 'model_file'");

        var model = YamlValues.GetString(root, "model") is { } inlineModel
            ? ModelFile.Parse(inlineModel)
            : YamlValues.GetString(root, "model_file") is { } modelFile
                ? ModelFile.Load(Path.Combine(baseFolder, modelFile))
                : throw new FormatException($"{source}: neither 'model' nor 'model_file' is given");
        var tuples = ReadTuples(root, baseFolder, source);
        var tests = YamlValues.Get(root, "tests") is YamlSequenceNode testNodes
            ? testNodes.Children.OfType<YamlMappingNode>().Select(t => ReadTest(t, baseFolder, source)).ToList()
            : [];
        return new StoreFile(YamlValues.GetString(root, "name"), model, tuples, tests);
    }

    /// <summary>Creates an evaluator over the store's model and tuples.</summary>
    public EmbeddedFgaEvaluator CreateEvaluator(EmbeddedFgaOptions? options = null) => new(Model, Tuples, options);

    /// <summary>Runs every test's assertions; each test sees the store's tuples plus its own.</summary>
    public IReadOnlyList<StoreTestResult> RunTests()
    {
        var results = new List<StoreTestResult>();
        foreach (var test in Tests)
        {
            EmbeddedFgaEvaluator evaluator;
            try
            {
                evaluator = new EmbeddedFgaEvaluator(Model, [.. Tuples, .. test.Tuples]);
            }
            catch (FgaException ex)
            {
                results.Add(new StoreTestResult(test.Name, "tuples", false, ex.Message));
                continue;
            }

            foreach (var check in test.Checks)
                results.Add(RunCheck(test, evaluator, check));
            foreach (var list in test.ListObjects)
                results.Add(RunListObjects(test, evaluator, list));
            if (test.ListUsersCount > 0)
                results.Add(new StoreTestResult(test.Name, "list_users", true,
                    $"{test.ListUsersCount} list_users assertion(s) skipped: list-users is not supported",
                    Skipped: true));
        }

        return results;
    }

    private static StoreTestResult RunCheck(StoreTest test, EmbeddedFgaEvaluator evaluator, StoreCheckAssertion check)
    {
        var what = $"check {check.User} {check.Relation} {check.Object}";
        try
        {
            var actual = evaluator.Check(new FgaCheckRequest(check.User, check.Relation, check.Object,
                Context: check.Context));
            return new StoreTestResult(test.Name, what, actual == check.Expected,
                actual == check.Expected ? null : $"expected {check.Expected}, got {actual}");
        }
        catch (FgaException ex)
        {
            return new StoreTestResult(test.Name, what, false, ex.Message);
        }
    }

    private static StoreTestResult RunListObjects(StoreTest test, EmbeddedFgaEvaluator evaluator,
        StoreListObjectsAssertion list)
    {
        var what = $"list_objects {list.User} {list.Relation} {list.Type}";
        try
        {
            var actual = evaluator.ListObjects(new FgaListObjectsRequest(list.User, list.Relation, list.Type,
                Context: list.Context)).Order(StringComparer.Ordinal).ToList();
            var expected = list.Expected.Order(StringComparer.Ordinal).ToList();
            var passed = actual.SequenceEqual(expected);
            return new StoreTestResult(test.Name, what, passed,
                passed ? null : $"expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
        catch (FgaException ex)
        {
            return new StoreTestResult(test.Name, what, false, ex.Message);
        }
    }

    private static List<RelationshipTuple> ReadTuples(YamlMappingNode node, string baseFolder, string source)
    {
        var tuples = new List<RelationshipTuple>();
        if (YamlValues.Get(node, "tuples") is YamlSequenceNode inline)
            tuples.AddRange(TupleFile.ReadList(inline, source));
        if (YamlValues.GetString(node, "tuple_file") is { } file)
            tuples.AddRange(TupleFile.Load(Path.Combine(baseFolder, file)));
        if (YamlValues.Get(node, "tuple_files") is YamlSequenceNode files)
        {
            foreach (var item in files.Children.OfType<YamlScalarNode>())
                tuples.AddRange(TupleFile.Load(Path.Combine(baseFolder, item.Value!)));
        }

        return tuples;
    }

    private static StoreTest ReadTest(YamlMappingNode node, string baseFolder, string source)
    {
        var name = YamlValues.GetString(node, "name") ?? "(unnamed)";
        var checks = new List<StoreCheckAssertion>();
        foreach (var check in Items(node, "check"))
        {
            var context = Context(check);
            foreach (var user in OneOrMany(check, "user", "users"))
            {
                foreach (var obj in OneOrMany(check, "object", "objects"))
                {
                    foreach (var (relation, expected) in Assertions(check))
                    {
                        checks.Add(new StoreCheckAssertion(user, relation, obj,
                            expected is YamlScalarNode { Value: "true" or "True" }, context));
                    }
                }
            }
        }

        var lists = new List<StoreListObjectsAssertion>();
        foreach (var list in Items(node, "list_objects"))
        {
            var type = YamlValues.GetString(list, "type")
                ?? throw new FormatException($"{source}: a list_objects entry of test '{name}' has no 'type'");
            foreach (var user in OneOrMany(list, "user", "users"))
            {
                foreach (var (relation, expected) in Assertions(list))
                {
                    var objects = expected is YamlSequenceNode sequence
                        ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList()
                        : [];
                    lists.Add(new StoreListObjectsAssertion(user, relation, type, objects, Context(list)));
                }
            }
        }

        return new StoreTest(name, YamlValues.GetString(node, "description"), ReadTuples(node, baseFolder, source),
            checks, lists, Items(node, "list_users").Count());
    }

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode node, string key) =>
        YamlValues.Get(node, key) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [];

    private static IEnumerable<string> OneOrMany(YamlMappingNode node, string one, string many)
    {
        if (YamlValues.GetString(node, one) is { } single)
            return [single];
        return YamlValues.Get(node, many) is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value!)
            : throw new FormatException($"an assertion has neither '{one}' nor '{many}'");
    }

    private static IEnumerable<(string Relation, YamlNode Expected)> Assertions(YamlMappingNode node) =>
        YamlValues.Get(node, "assertions") is YamlMappingNode assertions
            ? assertions.Children.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value))
            : [];

    private static IReadOnlyDictionary<string, object?>? Context(YamlMappingNode node) =>
        YamlValues.Get(node, "context") is YamlMappingNode context ? YamlValues.ToMap(context) : null;
}

/// <summary>One test of a store file.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Tuples">Tuples added for this test only.</param>
/// <param name="Checks">Check assertions.</param>
/// <param name="ListObjects">List-objects assertions.</param>
/// <param name="ListUsersCount">How many list-users assertions the test has (not run).</param>
public sealed record StoreTest(string Name, string? Description, IReadOnlyList<RelationshipTuple> Tuples,
    IReadOnlyList<StoreCheckAssertion> Checks, IReadOnlyList<StoreListObjectsAssertion> ListObjects,
    int ListUsersCount);

/// <summary>One expected check answer.</summary>
public sealed record StoreCheckAssertion(string User, string Relation, string Object, bool Expected,
    IReadOnlyDictionary<string, object?>? Context);

/// <summary>One expected list-objects answer.</summary>
public sealed record StoreListObjectsAssertion(string User, string Relation, string Type,
    IReadOnlyList<string> Expected, IReadOnlyDictionary<string, object?>? Context);

/// <summary>The outcome of one store-file assertion.</summary>
/// <param name="Test">The test name.</param>
/// <param name="Assertion">What was asserted.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Failure">Why it did not, or a note for a skipped assertion.</param>
/// <param name="Skipped">Whether the assertion was not run.</param>
public sealed record StoreTestResult(string Test, string Assertion, bool Passed, string? Failure = null,
    bool Skipped = false);

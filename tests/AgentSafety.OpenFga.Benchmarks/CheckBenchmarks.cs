using System.Globalization;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Tuples;
using BenchmarkDotNet.Attributes;

namespace AgentSafety.OpenFga.Benchmarks;

/// <summary>
/// Check throughput and allocation of the embedded evaluator on a store of 1,000,000 tuples, next to a plain
/// dictionary lookup of the same tuple as the floor no relationship store can beat.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    public const int TupleCount = 1_000_000;

    private const string Model = """
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user]
        type folder
          relations
            define parent: [folder]
            define viewer: [user] or viewer from parent
        type doc
          relations
            define parent: [folder]
            define viewer: [user, group#member] or viewer from parent
        """;

    private const int Users = 50_000;
    private const int Groups = 10_000;
    private const int MembersPerGroup = 10;
    private const int TopFolders = 1_000;

    private EmbeddedFgaEvaluator _evaluator = null!;
    private Dictionary<(string Object, string Relation, string User), bool> _floor = null!;
    private FgaCheckRequest _direct = null!;
    private FgaCheckRequest _userset = null!;
    private FgaCheckRequest _tupleToUserset = null!;
    private FgaCheckRequest _denied = null!;
    private (string, string, string) _floorKey;

    [GlobalSetup]
    public void Setup()
    {
        var tuples = BuildTuples();
        _evaluator = new EmbeddedFgaEvaluator(ParseModel(), tuples);
        _floor = new Dictionary<(string, string, string), bool>(tuples.Count);
        foreach (var tuple in tuples)
            _floor[(tuple.Object, tuple.Relation, tuple.User)] = true;

        // Fresh strings, as a request would bring them, so no lookup is helped by reference equality.
        _direct = new FgaCheckRequest(Fresh("user:u123"), "viewer", Fresh("doc:d123"));
        _userset = new FgaCheckRequest(Fresh("user:u42"), "viewer", Fresh("doc:g4"));
        _tupleToUserset = new FgaCheckRequest(Fresh("user:u7"), "viewer", Fresh("doc:t70"));
        _denied = new FgaCheckRequest(Fresh("user:u124"), "viewer", Fresh("doc:d123"));
        _floorKey = (Fresh("doc:d123"), "viewer", Fresh("user:u123"));

        if (!_evaluator.Check(_direct) || !_evaluator.Check(_userset) || !_evaluator.Check(_tupleToUserset)
            || _evaluator.Check(_denied) || !_floor.ContainsKey(_floorKey) || _evaluator.TupleCount != TupleCount)
            throw new InvalidOperationException("the benchmark data does not answer as designed");
    }

    [Benchmark(Baseline = true, Description = "Dictionary lookup (floor)")]
    public bool DictionaryFloor() => _floor.ContainsKey(_floorKey);

    [Benchmark(Description = "Direct tuple")]
    public bool Direct() => _evaluator.Check(_direct);

    [Benchmark(Description = "Direct, denied")]
    public bool DirectDenied() => _evaluator.Check(_denied);

    [Benchmark(Description = "Userset (group#member)")]
    public bool Userset() => _evaluator.Check(_userset);

    [Benchmark(Description = "Tuple-to-userset, 3 hops")]
    public bool TupleToUserset3Hops() => _evaluator.Check(_tupleToUserset);

    internal static AgentSafety.OpenFga.Model.AuthorizationModel ParseModel() => DslParser.Parse(Model);

    private static string Fresh(string text) => new(text.AsSpan());

    /// <summary>
    /// Folders form chains of three: doc:tN -> folder:aN -> folder:bN -> folder:cN, where the user is a viewer of
    /// folder:cN only. Groups have ten members; doc:gN is viewable by group:N#member. Direct tuples fill the rest.
    /// </summary>
    internal static List<RelationshipTuple> BuildTuples()
    {
        var tuples = new List<RelationshipTuple>(TupleCount);
        for (var g = 0; g < Groups; g++)
        {
            for (var m = 0; m < MembersPerGroup; m++)
                tuples.Add(new($"user:u{g * MembersPerGroup + m}", "member", $"group:{g}"));
            tuples.Add(new($"group:{g}#member", "viewer", $"doc:g{g}"));
        }

        for (var t = 0; t < TopFolders * 10; t++)
        {
            var top = t / 10;
            tuples.Add(new($"folder:c{top}", "parent", $"folder:b{t}"));
            tuples.Add(new($"folder:b{t}", "parent", $"folder:a{t}"));
            tuples.Add(new($"folder:a{t}", "parent", $"doc:t{t}"));
            if (t % 10 == 0)
                tuples.Add(new($"user:u{top}", "viewer", $"folder:c{top}"));
        }

        for (var d = 0; tuples.Count < TupleCount; d++)
            tuples.Add(new($"user:u{d % Users}", "viewer", "doc:d" + d.ToString(CultureInfo.InvariantCulture)));
        return tuples;
    }
}

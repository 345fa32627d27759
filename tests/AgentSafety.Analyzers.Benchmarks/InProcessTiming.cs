using System.Collections.Immutable;
using System.Diagnostics;
using AgentSafety.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Benchmarks;

/// <summary>
/// Times each AgentSafety analyzer in this process, one callback at a time, so the figures do not depend on how busy
/// the machine's other cores are; compares them with the time the compiler needs to bind and emit the same code.
/// </summary>
internal static class InProcessTiming
{
    public static void Run(GeneratedProject project, int repetitions, IReadOnlyCollection<string> only)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Linq; global using System.Threading.Tasks;", parseOptions);
        var trees = project.Sources()
            .Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Name))
            .Prepend(usings)
            .ToImmutableArray();
        var analyzers = typeof(ToolWithoutAuthorizationAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => only.Count == 0 || only.Contains(type.Name))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        var extra = Environment.GetEnvironmentVariable("EXTRA_ANALYZERS");
        if (!string.IsNullOrEmpty(extra))
        {
            foreach (var path in extra.Split(Path.PathSeparator))
            {
                var reference = new AnalyzerFileReference(path, new Loader());
                analyzers = analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }
        }

        var emitSeconds = new List<double>();
        var analyzerSeconds = new Dictionary<string, List<double>>();
        for (var repetition = 0; repetition <= repetitions; repetition++)
        {
            var compilation = Compile(trees);
            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(
                    "The generated code does not compile: " + string.Join("; ", errors));
            }

            compilation = Compile(trees);
            var stopwatch = Stopwatch.StartNew();
            using (var stream = new MemoryStream())
                compilation.Emit(stream);

            var emit = stopwatch.Elapsed.TotalSeconds;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false,
                logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var withAnalyzers = Compile(trees).WithAnalyzers(analyzers, options);
            var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (repetition == 0)
                continue;

            emitSeconds.Add(emit);
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                if (!analyzerSeconds.TryGetValue(name, out var list))
                    analyzerSeconds[name] = list = [];

                list.Add(telemetry.ExecutionTime.TotalSeconds);
            }
        }

        var emitMedian = Median(emitSeconds);
        var total = analyzerSeconds.Values.Sum(Median);
        Console.WriteLine($"In process, one callback at a time (median of {repetitions}):");
        Console.WriteLine();
        Console.WriteLine("| Analyzer | Time (s) |");
        Console.WriteLine("|---|---|");
        foreach (var (name, list) in analyzerSeconds.OrderByDescending(pair => Median(pair.Value)))
            Console.WriteLine($"| {name} | {Median(list):F3} |");

        Console.WriteLine($"| all AgentSafety analyzers | {total:F3} |");
        Console.WriteLine($"| compiler: bind and emit the same code | {emitMedian:F3} |");
        Console.WriteLine();
        Console.WriteLine($"AgentSafety analyzers / (emit + analyzers): {total / (emitMedian + total):P2}");
    }

    private static CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees) => CSharpCompilation.Create(
        "Generated", trees, References.Value,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator)
            .Where(path => path.Length > 0)
            .Where(path => Path.GetFileName(path) is var name &&
                (name.StartsWith("System.", StringComparison.Ordinal) || name == "AgentSafety.dll" ||
                 name == "netstandard.dll" || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) ||
                 name.StartsWith("Microsoft.SemanticKernel.", StringComparison.Ordinal) ||
                 name.StartsWith("ModelContextProtocol.", StringComparison.Ordinal)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) =>
            System.Reflection.Assembly.LoadFrom(fullPath);
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Tests.Robustness;

/// <summary>
/// Feeds every analyzer in the assembly (found by reflection, so new rules are covered) half-typed and malformed
/// code: the tool-shape corpus and the UnsafeTools sample cut off at many points, with tokens deleted, with
/// references missing, and with nonsense options. No analyzer may throw (AD0001).
/// </summary>
public sealed class AnalyzerRobustnessTests
{
    private const int CutsPerSource = 40;
    private const int DeletionsPerSource = 20;

    [Fact]
    public void Suite_CoversEveryAnalyzerInTheAssembly()
    {
        var covered = AllAnalyzers.Instances.Select(a => a.GetType().Name).ToList();

        Assert.Contains("ToolWithoutAuthorizationAnalyzer", covered);
        Assert.Contains("HardcodedCredentialAnalyzer", covered);
        Assert.Contains("DelegatedTokenEscapeAnalyzer", covered);
        Assert.True(covered.Count >= 7, "analyzers found: " + string.Join(", ", covered));
    }

    [Fact]
    public async Task Corpus_CompilesAndDrivesEveryRuleFamily()
    {
        var tree = CSharpSyntaxTree.ParseText(
            ToolShapesCorpus.AllShapes, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "Corpus", [tree], TestReferences.Assemblies,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var ids = (await compilation.WithAnalyzers(AllAnalyzers.Instances).GetAnalyzerDiagnosticsAsync())
            .Select(d => d.Id).ToHashSet();

        var expected = new HashSet<string>
        {
            "AS1001", "AS1003", "AS2001", "AS2002", "AS2003", "AS2004", "AS3001", "AS3002",
        };
        Assert.Superset(expected, ids);
    }

    [Fact]
    public async Task Harness_ReportsAnAnalyzerThatThrows()
    {
        var failures = await RunAsync("throwing analyzer", "class C { void M() { } }", TestReferences.Assemblies,
            analyzers: [new ThrowingAnalyzer()]);

        Assert.Contains(failures, failure => failure.Contains("ThrowingAnalyzer threw InvalidOperationException"));
    }

    [Fact]
    public async Task TruncatedSources_NeverCrashAnAnalyzer()
    {
        var failures = new List<string>();
        foreach (var (name, text) in Sources())
        {
            foreach (var cut in CutPoints(text.Length, CutsPerSource))
                failures.AddRange(await RunAsync($"{name} cut at {cut}", text[..cut], TestReferences.Assemblies));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task SourcesWithDeletedTokens_NeverCrashAnAnalyzer()
    {
        var failures = new List<string>();
        foreach (var (name, text) in Sources())
        {
            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().ToList();
            var step = Math.Max(1, tokens.Count / DeletionsPerSource);
            for (var index = step / 2; index < tokens.Count; index += step)
            {
                var span = tokens[index].Span;
                var broken = text.Remove(span.Start, span.Length);
                failures.AddRange(await RunAsync($"{name} without '{tokens[index]}' at {span.Start}", broken,
                    TestReferences.Assemblies));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("no references")]
    [InlineData("core library only")]
    [InlineData("no AgentSafety runtime")]
    [InlineData("no agent framework")]
    [InlineData("no logging or configuration")]
    public async Task MissingReferences_NeverCrashAnAnalyzer(string referenceSet)
    {
        var references = referenceSet switch
        {
            "no references" => ImmutableArray<MetadataReference>.Empty,
            "core library only" => Filter(name => name is "System.Private.CoreLib.dll" or "System.Runtime.dll"),
            "no AgentSafety runtime" => Filter(name => name != "AgentSafety.dll"),
            "no agent framework" => Filter(name =>
                !name.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal) &&
                !name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) &&
                !name.StartsWith("ModelContextProtocol", StringComparison.Ordinal)),
            _ => Filter(name => !name.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal) &&
                !name.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal)),
        };
        var failures = new List<string>();
        foreach (var (name, text) in Sources())
        {
            failures.AddRange(await RunAsync($"{name} ({referenceSet})", text, references));
            foreach (var cut in CutPoints(text.Length, 5))
                failures.AddRange(await RunAsync($"{name} cut at {cut} ({referenceSet})", text[..cut], references));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task NonsenseOptions_NeverCrashAnAnalyzer()
    {
        var options = new Dictionary<string, string>
        {
            ["agentsafety.credentials.max_call_depth"] = "-7",
            ["agentsafety.credentials.analyze_tests"] = "maybe",
            ["agentsafety.critical_action.words"] = ",, ,",
            ["agentsafety.critical_action.additional_words"] = "\u00e9\u00e9, ---, DELETE",
        };

        var failures = await RunAsync("corpus with nonsense options", ToolShapesCorpus.AllShapes,
            TestReferences.Assemblies, options);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<(string Name, string Text)> Sources()
    {
        yield return ("tool-shapes corpus", ToolShapesCorpus.AllShapes);
        foreach (var path in Directory.GetFiles(RepositoryPaths.Combine("samples", "UnsafeTools"), "*.cs").Order())
            yield return (Path.GetFileName(path), File.ReadAllText(path));
    }

    private static IEnumerable<int> CutPoints(int length, int count)
    {
        for (var index = 1; index <= count; index++)
            yield return (int)((long)length * index / (count + 1));
    }

    private static ImmutableArray<MetadataReference> Filter(Func<string, bool> keep) =>
        TestReferences.Assemblies.Where(r => keep(Path.GetFileName(((PortableExecutableReference)r).FilePath!)))
            .ToImmutableArray();

    private static async Task<List<string>> RunAsync(
        string name,
        string text,
        ImmutableArray<MetadataReference> references,
        IReadOnlyDictionary<string, string>? globalOptions = null,
        ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), "Source.cs");
        var compilation = CSharpCompilation.Create(
            "Robustness", [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], new OptionsProvider(globalOptions ?? new Dictionary<string, string>())),
            onAnalyzerException: (exception, analyzer, _) =>
                exceptions.Add(
                    $"{name}: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers ?? AllAnalyzers.Instances, options)
            .GetAnalyzerDiagnosticsAsync();

        var failures = exceptions.ToList();
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => $"{name}: {d.GetMessage()}"));
        return failures;
    }

// A deliberately broken analyzer, to show the harness catches crashes; it ships nowhere.
#pragma warning disable RS1001, RS1025, RS1026, RS1036, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            "TEST0001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException("boom"));
    }
#pragma warning restore RS1001, RS1025, RS1026, RS1036, RS2008

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions _options = new Options(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

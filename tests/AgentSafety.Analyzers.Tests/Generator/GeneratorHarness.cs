using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AgentSafety.Analyzers.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.AI;

namespace AgentSafety.Analyzers.Tests.Generator;

/// <summary>Runs the guarded-tool generator on source text, compiles the result and loads it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTarget" + Guid.NewGuid().ToString("N"),
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            s_references.Value,
            CompilationOptions);

    // The runtime package targets net8.0 and the tests run on a newer framework; the SDK silences these two
    // unification warnings in every build, so the harness does too.
    private static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

    public static GeneratorRun Run(params string[] sources)
    {
        var compilation = Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GuardedToolGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(
                IncrementalGeneratorOutputKind.None,
                trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, (CSharpCompilation)output, generatorDiagnostics);
    }

    public static Assembly Load(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        stream.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { typeof(ToolGuard).Assembly.Location, typeof(AIFunction).Assembly.Location };
        return platform.Concat(ours)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IReadOnlyList<string> GeneratedSources =>
        Driver.GetRunResult().GeneratedTrees.Select(tree => tree.ToString()).ToList();

    public IReadOnlyList<Diagnostic> Errors =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToList();
}

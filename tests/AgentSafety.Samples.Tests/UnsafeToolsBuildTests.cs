using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentSafety.Samples.Tests;

/// <summary>
/// Builds samples/UnsafeTools with the real SDK, as a user would, and checks the AgentSafety diagnostics it prints
/// against samples/UnsafeTools/expected-diagnostics.txt (one <c>ID File.cs:line</c> per line). Each build uses its
/// own artifacts folder, so it never races another build of the repository. Run with
/// <c>AGENTSAFETY_UPDATE_EXPECTED_DIAGNOSTICS=1</c> to rewrite the file from what the build prints.
/// </summary>
public sealed partial class UnsafeToolsBuildTests : IClassFixture<UnsafeToolsBuildTests.SampleBuild>
{
    private const string UpdateSwitch = "AGENTSAFETY_UPDATE_EXPECTED_DIAGNOSTICS";
    private const string ExpectedFileName = "expected-diagnostics.txt";

    private readonly SampleBuild _build;

    public UnsafeToolsBuildTests(SampleBuild build) => _build = build;

    [Fact]
    public void Build_ReportsExactlyTheExpectedDiagnostics()
    {
        var result = _build.Default;

        Assert.True(result.ExitCode == 0, "The sample should build with warnings only:\n" + result.Output);
        var actual = Diagnostics(result.Output, _build.SampleDirectory);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
            WriteExpectedDiagnostics(_build.SampleDirectory, actual);

        var expected = ExpectedDiagnostics(_build.SampleDirectory);
        var missing = expected.Except(actual).ToList();
        var unexpected = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && unexpected.Count == 0,
            $"Missing: [{string.Join(", ", missing)}]\nUnexpected: [{string.Join(", ", unexpected)}]");
    }

    [Fact]
    public void ExpectedDiagnostics_ShowEveryTrackedRule()
    {
        var shown = ExpectedDiagnostics(_build.SampleDirectory).Select(line => line.Split(' ')[0]).ToHashSet();

        var notShown = TrackedRuleIds(_build.RepositoryRoot).Where(id => !shown.Contains(id)).ToList();

        Assert.True(notShown.Count == 0, "Rules the sample never shows: " + string.Join(", ", notShown));
    }

    [Fact]
    public void BuildWithWarningsAsErrors_Fails()
    {
        var result = _build.Run("-p:TreatWarningsAsErrors=true", "--no-incremental");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error AS1001", result.Output, StringComparison.Ordinal);
    }

    private static HashSet<string> Diagnostics(string output, string sampleDirectory)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in DiagnosticLine().Matches(output))
        {
            var path = Path.GetFullPath(match.Groups["path"].Value.Trim());
            var relative = Path.GetRelativePath(sampleDirectory, path).Replace('\\', '/');
            found.Add($"{match.Groups["id"].Value} {relative}:{match.Groups["line"].Value}");
        }

        return found;
    }

    private static void WriteExpectedDiagnostics(string sampleDirectory, IEnumerable<string> diagnostics)
    {
        var path = Path.Combine(sampleDirectory, ExpectedFileName);
        var header = File.ReadAllLines(path).TakeWhile(line => line.StartsWith('#'));
        File.WriteAllLines(path, header.Concat(diagnostics.Order(StringComparer.Ordinal)));
    }

    private static HashSet<string> ExpectedDiagnostics(string sampleDirectory) =>
        File.ReadAllLines(Path.Combine(sampleDirectory, ExpectedFileName))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> TrackedRuleIds(string repositoryRoot) =>
        new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(repositoryRoot, "src", "AgentSafety.Analyzers", file)))
            .Where(line => line.StartsWith("AS", StringComparison.Ordinal))
            .Select(line => line.Split('|')[0].Trim())
            .Distinct();

    [GeneratedRegex(@"^\s*(?<path>[^\r\n]+?\.cs)\((?<line>\d+),\d+(?:,\d+,\d+)?\): (?:warning|error) (?<id>AS\d{4}):",
        RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    /// <summary>One default build of the sample, shared by the tests, in a temporary artifacts folder.</summary>
    public sealed class SampleBuild : IDisposable
    {
        private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);
        private readonly string _artifacts =
            Path.Combine(Path.GetTempPath(), "agentsafety-unsafetools-" + Guid.NewGuid().ToString("N"));
        private readonly Lazy<BuildResult> _default;

        public SampleBuild()
        {
            RepositoryRoot = RepositoryPaths.Root;
            SampleDirectory = Path.Combine(RepositoryRoot, "samples", "UnsafeTools");
            _default = new Lazy<BuildResult>(() => Run());
        }

        public string RepositoryRoot { get; }

        public string SampleDirectory { get; }

        public BuildResult Default => _default.Value;

        public BuildResult Run(params string[] extraArguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepositoryRoot,
            };
            foreach (var argument in new[]
            {
                "build", Path.Combine(SampleDirectory, "UnsafeTools.csproj"), "--artifacts-path", _artifacts,
                "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary",
            }.Concat(extraArguments))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(BuildLimit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet build of the sample did not finish within {BuildLimit}.");
            }

            process.WaitForExit();
            lock (output)
                return new BuildResult(process.ExitCode, output.ToString());
        }

        public void Dispose()
        {
            if (Directory.Exists(_artifacts))
                Directory.Delete(_artifacts, recursive: true);
        }
    }

    public sealed record BuildResult(int ExitCode, string Output);
}

using System.Diagnostics;
using System.Globalization;
using AgentSafety.Analyzers.Benchmarks;

// Usage: dotnet run -c Release --project tests/AgentSafety.Analyzers.Benchmarks [-- --tools 2000 --files 200 --runs 3]
// Add --in-process to time each analyzer inside this process instead (no MSBuild, one callback at a time), or
// --clean for a project that passes the rules (partial classes, no factory registrations of guarded methods).
// Otherwise it builds the analyzers, generates three projects (with agent frameworks, the same without the
// AgentSafety analyzers and generator, and one without agent frameworks) into a temporary folder,
// builds each with -p:ReportAnalyzer=true and prints AgentSafety's share of the compiler's time.
var tools = Option("--tools", 2000);
var files = Option("--files", 200);
var runs = Option("--runs", 3);
var clean = args.Contains("--clean");
var root = RepositoryPaths.Root;
if (args.Contains("--in-process"))
{
    var inMemory = new GeneratedProject(Path.GetTempPath(), files, tools, withAgentFrameworks: true, clean: clean);
    var onlyIndex = Array.IndexOf(args, "--only");
    var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1].Split(',') : [];
    InProcessTiming.Run(inMemory, runs, only);
    return;
}

var work = Path.Combine(Path.GetTempPath(), "agentsafety-analyzer-cost-" + Environment.ProcessId);

var analyzerProject = Path.Combine(root, "src", "AgentSafety.Analyzers", "AgentSafety.Analyzers.csproj");
Run("dotnet", $"build \"{analyzerProject}\" -c Release -v:q");
Run("dotnet", $"build \"{Path.Combine(root, "src", "AgentSafety", "AgentSafety.csproj")}\" -c Release -v:q");
var analyzer = Path.Combine(
    root, "src", "AgentSafety.Analyzers", "bin", "Release", "netstandard2.0", "AgentSafety.Analyzers.dll");
var runtime = Path.Combine(root, "src", "AgentSafety", "bin", "Release", "net8.0", "AgentSafety.dll");

try
{
    Console.WriteLine($"Generated project{(clean ? " (clean)" : "")}: {tools} tools in {files} files; " +
        $"median of {runs} builds after one warm-up.");
    Console.WriteLine();
    Console.WriteLine("| Project | Csc (s) | All analyzers (s) | AgentSafety analyzers (s) | " +
        "AgentSafety analyzers' share of Csc | AgentSafety generator (s) |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var variants = new (string Name, bool Frameworks, bool Analyzers)[]
    {
        ("with agent frameworks", true, true),
        ("same, without AgentSafety analyzers and generator", true, false),
        ("no agent framework", false, true),
    };
    var medians = new Dictionary<string, ReportSummary>();
    var serialMedians = new Dictionary<string, ReportSummary>();
    foreach (var (name, withFrameworks, withAnalyzers) in variants)
    {
        var folder = Path.Combine(work, medians.Count.ToString(CultureInfo.InvariantCulture));
        var project = new GeneratedProject(folder, files, tools, withFrameworks, withAnalyzers, clean);
        project.Write(root, analyzer, runtime);
        Run("dotnet", $"restore \"{project.ProjectPath}\" -v:q");
        var reports = new List<AnalyzerReport>();
        for (var run = 0; run <= runs; run++)
        {
            var log = Path.Combine(folder, $"build-{run}.log");
            Run("dotnet", $"build \"{project.ProjectPath}\" --no-restore --no-incremental -c Release " +
                "-nodeReuse:false " +
                $"-p:ReportAnalyzer=true -v:q \"-flp:v=d;PerformanceSummary;logfile={log}\"");
            if (run > 0)
                reports.Add(AnalyzerReport.Parse(File.ReadAllText(log)));
        }

        var median = ReportSummary.Of(reports);
        medians[name] = median;
        Console.WriteLine(Row(name, median));
        serialMedians[name] = SerialCompilerRuns(folder, File.ReadAllText(Path.Combine(folder, "build-1.log")));
    }

    // The same compiler command with /parallel-: one thread binds, emits and runs every analyzer, so the analyzer
    // times ReportAnalyzer sums are times the compilation really spent in them, not callbacks timed while they wait
    // for a core, and they can be compared with the compiler's own time.
    Console.WriteLine();
    Console.WriteLine($"The same compiler command run directly with /parallel- (median of {runs} after one warm-up):");
    Console.WriteLine();
    Console.WriteLine("| Project | Csc (s) | All analyzers (s) | AgentSafety analyzers (s) | " +
        "AgentSafety analyzers' share of Csc | AgentSafety generator (s) |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (name, report) in serialMedians)
        Console.WriteLine(Row(name, report));

    Console.WriteLine();
    Console.WriteLine("Each column is the median of its own; the share is the median of the builds' shares.");
    var firstVariant = variants[0].Name;
    Console.WriteLine("Shares of the builds with the AgentSafety analyzers, in order: concurrent " +
        $"{medians[firstVariant].DescribeShares()}; /parallel- {serialMedians[firstVariant].DescribeShares()}.");

    var with = medians[variants[0].Name].CscSeconds;
    var without = medians[variants[1].Name].CscSeconds;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Csc time added by the AgentSafety analyzers and generator: {with - without:F2} s of {with:F2} s " +
        $"({(with - without) / with:P2})."));
}
finally
{
    if (!args.Contains("--keep"))
        Directory.Delete(work, recursive: true);
}

ReportSummary SerialCompilerRuns(string folder, string buildLog)
{
    var (compiler, arguments) = AnalyzerReport.CompilerCommandLine(buildLog);
    var responseFile = Path.Combine(folder, "csc.rsp");
    File.WriteAllText(responseFile, arguments);
    var reports = new List<AnalyzerReport>();
    for (var run = 0; run <= runs; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = Run(compiler, $"@\"{responseFile}\" /parallel-", folder);
        if (run > 0)
            reports.Add(AnalyzerReport.Parse(output, stopwatch.Elapsed.TotalSeconds));
    }

    return ReportSummary.Of(reports);
}

static string Row(string name, ReportSummary report) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {report.CscSeconds:F2} | {report.AllAnalyzersSeconds:F3} | {report.AgentSafetySeconds:F3} | " +
    $"{report.AgentSafetyShare:P2} | {report.GeneratorSeconds:F3} |");

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Run(string fileName, string arguments, string? workingDirectory = null)
{
    var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true };
    if (workingDirectory is not null)
        start.WorkingDirectory = workingDirectory;

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException(
            $"'{fileName} {arguments}' failed with exit code {process.ExitCode}:\n{output}");
    }

    return output;
}

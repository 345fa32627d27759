using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AgentSafety.OpenFga.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/AgentSafety.OpenFga.Benchmarks</c>.
/// A short in-process job keeps the run to a few minutes on a small machine; pass <c>--job default</c> style
/// arguments for a full run.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--load"])
        {
            MeasureLoad();
            return;
        }

        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }

    // Loading cost is one-off, so it is reported once rather than benchmarked: time and retained memory.
    private static void MeasureLoad()
    {
        var tuples = CheckBenchmarks.BuildTuples();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var evaluator = new EmbeddedFgaEvaluator(CheckBenchmarks.ParseModel(), tuples);
        watch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"Loaded {evaluator.TupleCount:N0} tuples in {watch.Elapsed.TotalSeconds:F2} s; "
            + $"index retains {(after - before) / 1024.0 / 1024.0:F0} MiB "
            + $"({(after - before) / (double)evaluator.TupleCount:F0} B per tuple, tuple strings not counted)");
        GC.KeepAlive(evaluator);
    }
}

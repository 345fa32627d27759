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
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}

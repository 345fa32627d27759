using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentSafety;

/// <summary>The names under which AgentSafety traces and counts guard decisions.</summary>
public static class AgentSafetyTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "AgentSafety";

    /// <summary>The counter of decisions, tagged with tool, outcome and stage.</summary>
    public const string DecisionCounterName = "agentsafety.guard.decisions";

    /// <summary>The histogram of decision latency in milliseconds.</summary>
    public const string DurationHistogramName = "agentsafety.guard.duration";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>(DecisionCounterName, description: "Guard decisions by outcome");

    internal static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>(DurationHistogramName, unit: "ms", description: "Time to decide a call");
}

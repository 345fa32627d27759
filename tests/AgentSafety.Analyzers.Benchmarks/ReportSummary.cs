using System.Globalization;

namespace AgentSafety.Analyzers.Benchmarks;

/// <summary>
/// The medians of several builds of one project, each column on its own. The share is the median of the builds'
/// shares, not the share of the build with the median compile time: on a machine whose builds drift by a third, the
/// two differ by a percentage point.
/// </summary>
internal sealed record ReportSummary(
    double CscSeconds,
    double AllAnalyzersSeconds,
    double AgentSafetySeconds,
    double AgentSafetyShare,
    double GeneratorSeconds,
    IReadOnlyList<double> Shares)
{
    public static ReportSummary Of(IReadOnlyList<AnalyzerReport> reports)
    {
        if (reports.Count == 0)
            throw new ArgumentException("At least one build is needed.", nameof(reports));

        return new ReportSummary(
            Median(reports.Select(report => report.CscSeconds)),
            Median(reports.Select(report => report.AllAnalyzersSeconds)),
            Median(reports.Select(report => report.AgentSafetySeconds)),
            Median(reports.Select(report => report.AgentSafetyShare)),
            Median(reports.Select(report => report.GeneratorSeconds)),
            reports.Select(report => report.AgentSafetyShare).ToList());
    }

    /// <summary>Each build's share, in the order the builds ran, for the line under a table.</summary>
    public string DescribeShares() =>
        string.Join(", ", Shares.Select(share => share.ToString("P2", CultureInfo.InvariantCulture)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

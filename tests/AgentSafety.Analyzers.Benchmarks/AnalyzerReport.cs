using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentSafety.Analyzers.Benchmarks;

/// <summary>What one build's log says: the compiler task's time and the analyzers' times from ReportAnalyzer.</summary>
internal sealed partial record AnalyzerReport(double CscSeconds, double AllAnalyzersSeconds, double AgentSafetySeconds)
{
    public double AgentSafetyShare => AgentSafetySeconds / CscSeconds;

    /// <summary>
    /// Reads a detailed build log written with <c>-p:ReportAnalyzer=true</c> and a performance summary.
    /// </summary>
    public static AnalyzerReport Parse(string log)
    {
        var csc = CscSummary().Match(log);
        if (!csc.Success)
            throw new InvalidDataException("The build log has no Csc line in its task performance summary.");

        var total = TotalAnalyzerTime().Matches(log).Sum(match => Seconds(match.Groups["seconds"].Value));
        var ours = AgentSafetyLine().Matches(log).Sum(match => Seconds(match.Groups["seconds"].Value));
        return new AnalyzerReport(Seconds(csc.Groups["ms"].Value) / 1000, total, ours);
    }

    private static double Seconds(string text) =>
        text.StartsWith('<') ? 0 : double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex CscSummary();

    [GeneratedRegex(@"Total analyzer execution time: (?<seconds>[\d.]+) seconds")]
    private static partial Regex TotalAnalyzerTime();

    [GeneratedRegex(@"^\s*(?<seconds><?[\d.]+)\s+<?\d+\s+AgentSafety\.Analyzers, Version=", RegexOptions.Multiline)]
    private static partial Regex AgentSafetyLine();
}

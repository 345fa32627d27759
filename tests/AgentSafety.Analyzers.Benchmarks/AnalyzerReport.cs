using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentSafety.Analyzers.Benchmarks;

/// <summary>
/// What one build's log says: the compiler task's time, and from ReportAnalyzer the time of all analyzers, of the
/// AgentSafety analyzers and of the AgentSafety generator (reported apart: the generator is not an analyzer).
/// </summary>
internal sealed partial record AnalyzerReport(
    double CscSeconds, double AllAnalyzersSeconds, double AgentSafetySeconds, double GeneratorSeconds)
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

        return Parse(log, Seconds(csc.Groups["ms"].Value) / 1000);
    }

    /// <summary>
    /// Reads the output of a compiler run with <c>/reportanalyzer</c> that took <paramref name="cscSeconds"/>.
    /// </summary>
    public static AnalyzerReport Parse(string output, double cscSeconds)
    {
        var log = output;
        var total = TotalAnalyzerTime().Matches(log).Sum(match => Seconds(match.Groups["seconds"].Value));
        var generatorSection = log.IndexOf("Total generator execution time", StringComparison.Ordinal);
        if (generatorSection < 0)
            generatorSection = log.Length;

        var lines = AgentSafetyLine().Matches(log);
        var analyzers = lines.Where(match => match.Index < generatorSection)
            .Sum(match => Seconds(match.Groups["seconds"].Value));
        var generator = lines.Where(match => match.Index > generatorSection)
            .Sum(match => Seconds(match.Groups["seconds"].Value));
        return new AnalyzerReport(cscSeconds, total, analyzers, generator);
    }

    private static double Seconds(string text) =>
        text.StartsWith('<') ? 0 : double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The compiler's command line in a detailed build log: the program and its arguments.</summary>
    public static (string Program, string Arguments) CompilerCommandLine(string log)
    {
        var line = CompilerCommand().Match(log);
        if (!line.Success)
            throw new InvalidDataException("The build log has no compiler command line.");

        return (line.Groups["program"].Value, line.Groups["arguments"].Value);
    }

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex CscSummary();

    [GeneratedRegex(@"^\s*(?<program>\S+/csc) (?<arguments>/noconfig .*/reportanalyzer.*)$", RegexOptions.Multiline)]
    private static partial Regex CompilerCommand();

    [GeneratedRegex(@"Total analyzer execution time: (?<seconds>[\d.]+) seconds")]
    private static partial Regex TotalAnalyzerTime();

    [GeneratedRegex(@"^\s*(?<seconds><?[\d.]+)\s+<?\d+\s+AgentSafety\.Analyzers, Version=", RegexOptions.Multiline)]
    private static partial Regex AgentSafetyLine();
}

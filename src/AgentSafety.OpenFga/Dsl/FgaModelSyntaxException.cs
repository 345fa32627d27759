namespace AgentSafety.OpenFga.Dsl;

/// <summary>The DSL text is not a well-formed OpenFGA model.</summary>
public sealed class FgaModelSyntaxException : FormatException
{
    /// <summary>Creates the error for a zero-based <paramref name="line"/>.</summary>
    public FgaModelSyntaxException(string message, int line)
        : base($"line {line + 1}: {message}")
    {
        Line = line;
        Reason = message;
    }

    /// <summary>The zero-based line the problem was found on.</summary>
    public int Line { get; }

    /// <summary>The problem, without the line prefix.</summary>
    public string Reason { get; }
}

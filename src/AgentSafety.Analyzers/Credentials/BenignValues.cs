using System;
using System.Text.RegularExpressions;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Values that are never evidence of a credential: empty text, templates, placeholders, masks and repeated or
/// sequential characters. The suffix <c>EXAMPLE</c> and words like <c>fake</c> are deliberately not benign: a tool
/// wired to a static key is wrong whether or not the key is live.
/// </summary>
internal static class BenignValues
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly Regex Template = new(
        @"^\s*(\{\{?[^{}]*\}\}?|\$\{[^}]*\}|\$\([^)]*\)|%[A-Za-z0-9_]+%|\$[A-Za-z_][A-Za-z0-9_]*" +
        @"|[@:][A-Za-z_]\w*|\?|<[^<>]*>)\s*$",
        RegexOptions.CultureInvariant, RegexTimeout);

    private static readonly Regex Placeholder = new(
        @"your[_\- ]?(api[_\- ]?)?(key|token|secret|password)|replace[_\- ]?me|change[_\- ]?me|placeholder|redacted" +
        @"|\btodo\b|xxx|\*{3,}|\.\.\.|…|<[^<>]+>|\{[^{}]*\}|\$\{",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);

    /// <summary>True when <paramref name="value"/> cannot be a credential.</summary>
    public static bool IsBenign(string? value)
    {
        if (value is null)
            return true;

        var trimmed = value.Trim();
        if (trimmed.Length == 0 || Template.IsMatch(trimmed) || Placeholder.IsMatch(trimmed))
            return true;

        return IsRepeatedOrSequential(StripScheme(trimmed));
    }

    /// <summary>Shannon entropy of <paramref name="value"/> in bits per character.</summary>
    public static double Entropy(string value)
    {
        if (value.Length == 0)
            return 0;

        var counts = new System.Collections.Generic.Dictionary<char, int>();
        foreach (var character in value)
            counts[character] = counts.TryGetValue(character, out var count) ? count + 1 : 1;

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var probability = (double)count / value.Length;
            entropy -= probability * Math.Log(probability, 2);
        }

        return entropy;
    }

    // "Bearer xxxx" is as much a placeholder as "xxxx".
    private static string StripScheme(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 && space < value.Length - 1 ? value.Substring(space + 1) : value;
    }

    private static bool IsRepeatedOrSequential(string value)
    {
        if (value.Length < 2)
            return true;

        var repeated = true;
        var ascending = true;
        var descending = true;
        for (var index = 1; index < value.Length; index++)
        {
            repeated &= value[index] == value[0];
            ascending &= value[index] == value[index - 1] + 1;
            descending &= value[index] == value[index - 1] - 1;
        }

        return repeated || ascending || descending;
    }
}

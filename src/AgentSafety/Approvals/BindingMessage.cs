using System.Globalization;
using System.Text;

namespace AgentSafety;

/// <summary>
/// Renders approval binding messages from a template and a call's arguments, within what CIBA providers accept.
/// </summary>
public static class BindingMessage
{
    /// <summary>The longest binding message providers commonly accept (Auth0: 64 characters).</summary>
    public const int MaxLength = 64;

    /// <summary>Punctuation providers accept besides letters, digits and space.</summary>
    public const string AllowedPunctuation = "+-_.,:#";

    /// <summary>
    /// Replaces each <c>{name}</c> in <paramref name="template"/> by the argument's value, then drops characters
    /// outside the accepted set and cuts the result to <paramref name="maxLength"/>.
    /// </summary>
    public static string Render(
        string template,
        Func<string, object?> argument,
        int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(argument);

        var rendered = new StringBuilder(template.Length + 16);
        var index = 0;
        while (index < template.Length)
        {
            var open = template.IndexOf('{', index);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                rendered.Append(template, index, template.Length - index);
                break;
            }

            rendered.Append(template, index, open - index);
            var name = template.Substring(open + 1, close - open - 1);
            rendered.Append(Format(argument(name)));
            index = close + 1;
        }

        return Sanitize(rendered.ToString(), maxLength);
    }

    /// <summary>Keeps letters, digits, space and <see cref="AllowedPunctuation"/>; folds runs of space.</summary>
    public static string Sanitize(string text, int maxLength = MaxLength)
    {
        var result = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || AllowedPunctuation.Contains(c);
            var space = c == ' ' || char.IsWhiteSpace(c);
            if (space && result.Length > 0 && result[^1] != ' ')
                result.Append(' ');
            else if (keep)
                result.Append(c);

            if (result.Length >= maxLength)
                break;
        }

        return result.ToString().Trim();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

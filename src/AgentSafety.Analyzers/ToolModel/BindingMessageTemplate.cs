using System.Collections.Immutable;
using System.Text;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// A <c>[RequiresApproval]</c> binding message split the way the runtime's <c>BindingMessage.Render</c> splits it:
/// each <c>{name}</c> is a placeholder for a parameter, everything else is literal text.
/// </summary>
internal sealed class BindingMessageTemplate
{
    /// <summary>The longest binding message CIBA providers commonly accept (Auth0: 64 characters).</summary>
    public const int MaxLength = 64;

    /// <summary>Punctuation providers accept besides ASCII letters, digits and space.</summary>
    public const string AllowedPunctuation = "+-_.,:#";

    private BindingMessageTemplate(ImmutableArray<string> placeholders, string literalText)
    {
        Placeholders = placeholders;
        LiteralText = literalText;
    }

    /// <summary>The parameter names between braces, in order.</summary>
    public ImmutableArray<string> Placeholders { get; }

    /// <summary>The template without its placeholders: text every rendered message contains.</summary>
    public string LiteralText { get; }

    public static BindingMessageTemplate Parse(string template)
    {
        var placeholders = ImmutableArray.CreateBuilder<string>();
        var literal = new StringBuilder(template.Length);
        var index = 0;
        while (index < template.Length)
        {
            var open = template.IndexOf('{', index);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                literal.Append(template, index, template.Length - index);
                break;
            }

            literal.Append(template, index, open - index);
            placeholders.Add(template.Substring(open + 1, close - open - 1));
            index = close + 1;
        }

        return new BindingMessageTemplate(placeholders.ToImmutable(), literal.ToString());
    }

    /// <summary>True for the characters a provider shows as written.</summary>
    public static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ' ||
        AllowedPunctuation.IndexOf(c) >= 0;
}

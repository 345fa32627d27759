using System.Diagnostics.CodeAnalysis;

namespace AgentSafety;

/// <summary>
/// OpenFGA's rules for object ids and type names, applied to values that come from the model before they reach a
/// relationship store.
/// </summary>
public static class ObjectIdentifier
{
    /// <summary>OpenFGA's limit on the length of an object id.</summary>
    public const int MaxIdLength = 256;

    /// <summary>
    /// Checks that <paramref name="id"/> can stand as the id part of <c>type:id</c>: not empty, at most
    /// <see cref="MaxIdLength"/> characters, free of <c>:</c>, <c>#</c>, white space and control characters, and
    /// not the wildcard <c>*</c>, any of which would let a value name another object, a userset or every object.
    /// OpenFGA accepts <c>@</c> and <c>*</c> inside ids (<c>user@example.com</c>), and so does this check.
    /// </summary>
    public static bool IsValidId([NotNullWhen(true)] string? id, [NotNullWhen(false)] out string? problem)
    {
        if (string.IsNullOrEmpty(id))
        {
            problem = "the value is empty";
            return false;
        }

        if (id.Length > MaxIdLength)
        {
            problem = $"the value is longer than {MaxIdLength} characters";
            return false;
        }

        if (id == "*")
        {
            problem = "the value is the wildcard";
            return false;
        }

        foreach (var c in id)
        {
            if (c is ':' or '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                problem = "the value contains a character that object ids may not hold";
                return false;
            }
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Checks an OpenFGA type or relation name: a letter or digit first, then letters, digits and
    /// <c>_ - . /</c>, at most 50 characters for relations and 254 for types.
    /// </summary>
    public static bool IsValidName([NotNullWhen(true)] string? name, int maxLength = 50)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || !char.IsAsciiLetterOrDigit(name[0]))
            return false;

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or '/'))
                return false;
        }

        return true;
    }
}

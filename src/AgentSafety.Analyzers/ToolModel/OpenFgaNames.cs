namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// OpenFGA's rules for type and relation names, the same as the runtime's <c>AgentSafety.ObjectIdentifier</c>
/// applies: a letter or digit first, then letters, digits and <c>_ - . /</c>, at most 50 characters for relations
/// and 254 for types.
/// </summary>
internal static class OpenFgaNames
{
    public const int MaxRelationLength = 50;
    public const int MaxTypeLength = 254;

    public static bool IsValid(string? name, int maxLength)
    {
        if (name is null || name.Length == 0 || name.Length > maxLength || !IsAsciiLetterOrDigit(name[0]))
            return false;

        foreach (var c in name)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or '/'))
                return false;
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}

namespace AgentSafety.OpenFga;

/// <summary>OpenFGA's language rule for object ids in tuples and store files.</summary>
public static class FgaObjectId
{
    /// <summary>
    /// Whether <paramref name="id"/> is a valid object id: ASCII letters, digits and <c>_ | * @ . + / -</c>, not
    /// starting with <c>*</c>. The embedded evaluator is more lenient, like an OpenFGA server: it only refuses
    /// white space, <c>:</c> and <c>#</c>.
    /// </summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '*')
            return false;

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '|' or '*' or '@' or '.' or '+' or '/' or '-'))
                return false;
        }

        return true;
    }
}

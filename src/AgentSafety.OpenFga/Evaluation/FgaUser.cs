using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>A parsed user or object string: <c>user:anne</c>, <c>user:*</c> or <c>group:eng#member</c>.</summary>
/// <param name="Text">The whole string.</param>
/// <param name="Type">The type part.</param>
/// <param name="Object">The <c>type:id</c> part (the whole string unless it is a userset).</param>
/// <param name="Relation">The relation of a userset.</param>
/// <param name="IsWildcard">Whether the id is <c>*</c>.</param>
internal readonly record struct FgaUser(string Text, string Type, string Object, string? Relation, bool IsWildcard)
{
    public bool IsUserset => Relation is not null;

    /// <summary>Parses <paramref name="text"/>; false when it is not <c>type:id</c> or <c>type:id#relation</c>.
    /// When <paramref name="model"/> knows the type and relation names, its strings are reused, so parsing a
    /// request allocates nothing.</summary>
    public static bool TryParse(string? text, out FgaUser user, AuthorizationModel? model = null)
    {
        user = default;
        if (string.IsNullOrEmpty(text))
            return false;

        var span = text.AsSpan();
        var colon = span.IndexOf(':');
        if (colon <= 0 || colon == span.Length - 1)
            return false;

        var hash = span[(colon + 1)..].IndexOf('#');
        var objectEnd = hash < 0 ? span.Length : colon + 1 + hash;
        var id = span[(colon + 1)..objectEnd];
        var relation = hash < 0 ? default : span[(objectEnd + 1)..];
        if (id.IsEmpty || id.IndexOfAny(':', '#') >= 0 || (hash >= 0 && (relation.IsEmpty
            || relation.IndexOfAny(':', '#') >= 0)))
            return false;
        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c))
                return false;
        }

        // OpenFGA allows '*' inside an id, but an id that starts with it can only be the wildcard itself.
        var wildcard = id is "*";
        if ((!wildcard && id[0] == '*') || (wildcard && hash >= 0))
            return false;

        var typeSpan = span[..colon];
        var type = model?.FindType(typeSpan);
        var typeName = type?.Name ?? typeSpan.ToString();
        string? relationName = null;
        if (hash >= 0)
            relationName = type?.FindRelation(relation)?.Name ?? relation.ToString();

        user = new FgaUser(text, typeName, hash < 0 ? text : text[..objectEnd], relationName, wildcard);
        return true;
    }

    /// <summary>Parses an object string (<c>type:id</c>, no relation, no wildcard).</summary>
    public static bool TryParseObject(string? text, out FgaUser value, AuthorizationModel? model = null) =>
        TryParse(text, out value, model) && !value.IsUserset && !value.IsWildcard;
}

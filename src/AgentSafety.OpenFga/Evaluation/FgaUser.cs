namespace AgentSafety.OpenFga.Evaluation;

/// <summary>A parsed user or object string: <c>user:anne</c>, <c>user:*</c> or <c>group:eng#member</c>.</summary>
internal readonly record struct FgaUser(string Text, string Type, string Id, string Object, string? Relation)
{
    public bool IsWildcard => Id == "*";

    public bool IsUserset => Relation is not null;

    /// <summary>Parses <paramref name="text"/>; false when it is not <c>type:id</c> or <c>type:id#relation</c>.
    /// </summary>
    public static bool TryParse(string? text, out FgaUser user)
    {
        user = default;
        if (string.IsNullOrEmpty(text))
            return false;

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            return false;

        var hash = text.IndexOf('#', colon + 1);
        var objectText = hash < 0 ? text : text[..hash];
        var id = objectText[(colon + 1)..];
        var relation = hash < 0 ? null : text[(hash + 1)..];
        if (id.Contains(':', StringComparison.Ordinal) || id.Contains('#', StringComparison.Ordinal)
            || relation is { Length: 0 } || relation?.Contains('#', StringComparison.Ordinal) == true
            || relation?.Contains(':', StringComparison.Ordinal) == true)
            return false;
        if (id.Any(char.IsWhiteSpace) || (id.Contains('*', StringComparison.Ordinal) && id != "*"))
            return false;
        if (id == "*" && relation is not null)
            return false;

        user = new FgaUser(text, text[..colon], id, objectText, relation);
        return true;
    }

    /// <summary>Parses an object string (<c>type:id</c>, no relation, no wildcard).</summary>
    public static bool TryParseObject(string? text, out FgaUser value) =>
        TryParse(text, out value) && !value.IsUserset && !value.IsWildcard;
}

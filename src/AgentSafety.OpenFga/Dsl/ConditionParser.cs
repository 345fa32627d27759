using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>Reads <c>condition name(p: type, ...) { expression }</c>.</summary>
internal static class ConditionParser
{
    private static readonly HashSet<string> KnownTypes =
    [
        "bool", "string", "int", "uint", "double", "duration", "timestamp", "ipaddress", "any", "list", "map",
    ];

    public static ConditionDefinition Parse(string text, int line)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', StringComparison.Ordinal);
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0 || close < open || brace < close)
            throw new FgaModelSyntaxException("expected 'condition name(parameters) { expression }'", line);

        var name = text["condition".Length..open].Trim();
        if (!DslParser.IsIdentifier(name, allowSlash: false))
            throw new FgaModelSyntaxException($"'{name}' is not a valid condition name", line);
        if (text[(close + 1)..brace].Trim().Length > 0)
            throw new FgaModelSyntaxException("expected '{' after the condition parameters", line);

        var parameters = ParseParameters(text[(open + 1)..close], line);
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new FgaModelSyntaxException(
                $"parameter '{duplicate.Key}' is already defined in the condition '{name}'", line);
        var body = text[(brace + 1)..text.LastIndexOf('}')];
        var expression = string.Join('\n', body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        if (expression.Length == 0)
            throw new FgaModelSyntaxException($"condition '{name}' has no expression", line);
        return new ConditionDefinition(name, expression, parameters) { Line = line };
    }

    private static List<ConditionParameter> ParseParameters(string text, int line)
    {
        var parameters = new List<ConditionParameter>();
        if (text.Trim().Length == 0)
            return parameters;

        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                throw new FgaModelSyntaxException($"expected 'name: type' but found '{part.Trim()}'", line);
            var name = part[..colon].Trim();
            var type = part[(colon + 1)..].Trim();
            if (!DslParser.IsIdentifier(name, allowSlash: false))
                throw new FgaModelSyntaxException($"'{name}' is not a valid parameter name", line);

            string? generic = null;
            var angle = type.IndexOf('<', StringComparison.Ordinal);
            if (angle >= 0)
            {
                if (!type.EndsWith('>'))
                    throw new FgaModelSyntaxException($"'{type}' is not a valid parameter type", line);
                generic = type[(angle + 1)..^1].Trim();
                type = type[..angle].Trim();
                if (type is not ("list" or "map") || !KnownTypes.Contains(generic) || generic is "list" or "map")
                    throw new FgaModelSyntaxException($"'{type}<{generic}>' is not a valid parameter type", line);
            }
            else if (!KnownTypes.Contains(type) || type is "list" or "map")
            {
                throw new FgaModelSyntaxException($"'{type}' is not a valid parameter type", line);
            }

            parameters.Add(new ConditionParameter(name, type, generic));
        }

        return parameters;
    }
}

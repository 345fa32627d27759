using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentSafety.OpenFga.Tuples;

/// <summary>Turns YAML nodes into plain .NET values: plain scalars become bool, long, double or null the way YAML's
/// core schema reads them; quoted scalars stay strings.</summary>
internal static class YamlValues
{
    public static object? ToValue(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar => ToScalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToValue).ToList(),
        YamlMappingNode mapping => ToMap(mapping),
        _ => null,
    };

    public static Dictionary<string, object?> ToMap(YamlMappingNode mapping)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
            map[((YamlScalarNode)key).Value ?? ""] = ToValue(value);
        return map;
    }

    public static string? GetString(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar
            ? scalar.Value
            : null;

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static object? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || text is null)
            return text;
        if (text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE")
            return true;
        if (text is "false" or "False" or "FALSE")
            return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        return text;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Generator;

/// <summary>
/// Computes, at compile time, the JSON schema <c>AIFunctionFactory</c> would give a method's parameters, for the
/// types whose schema does not depend on serializer settings: primitives, strings, enums, dates, GUIDs, URIs,
/// arrays and string-keyed dictionaries of those, and their nullable forms.
/// </summary>
/// <remarks>
/// Any other type (a class or record of the user's) is left as a placeholder that the runtime fills with
/// <c>AIJsonUtilities.CreateJsonSchema</c>, because its schema depends on converters and naming policies that are
/// only known when the program runs.
/// </remarks>
internal static class JsonSchemaWriter
{
    private const string TimeSpanPattern = @"^-?(\\d+\\.)?\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?$";

    /// <summary>The schema of one parameter, or null when only the runtime can compute it.</summary>
    public static string? ForParameter(IParameterSymbol parameter, string? description, string? defaultJson)
    {
        var type = TypeSchema(parameter.Type, IsNullable(parameter.Type, parameter.NullableAnnotation));
        if (type is null)
            return null;

        var members = new List<string>();
        if (description is not null)
            members.Add("\"description\":" + Quote(description));

        if (type == "true")
        {
            if (members.Count == 0 && defaultJson is null)
                return "true";

            type = "{}";
        }

        members.Add(type.Substring(1, type.Length - 2));
        if (defaultJson is not null)
            members.Add("\"default\":" + defaultJson);

        return "{" + string.Join(",", members.Where(member => member.Length > 0)) + "}";
    }

    /// <summary>The JSON text of a parameter's default value, as AIFunctionFactory writes it.</summary>
    public static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
            return null;

        var value = parameter.ExplicitDefaultValue;
        var type = parameter.Type is INamedTypeSymbol
            {
                OriginalDefinition.SpecialType: SpecialType.System_Nullable_T,
            } nullable
            ? nullable.TypeArguments[0]
            : parameter.Type;
        if (value is null)
            return "null";

        if (type.TypeKind == TypeKind.Enum)
            return EnumDefault((INamedTypeSymbol)type, value);

        return value switch
        {
            bool flag => flag ? "true" : "false",
            string text => Quote(text),
            char c => Quote(c.ToString()),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>Assembles the object schema from each parameter's schema, in declaration order.</summary>
    public static string ForObject(IReadOnlyList<(string Name, string Schema, bool Required)> properties)
    {
        var text = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        text.Append(string.Join(",", properties.Select(property => Quote(property.Name) + ":" + property.Schema)));
        text.Append('}');
        var required = properties.Where(property => property.Required).Select(property => Quote(property.Name));
        if (required.Any())
            text.Append(",\"required\":[").Append(string.Join(",", required)).Append(']');

        return text.Append('}').ToString();
    }

    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < ' ')
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    private static string? TypeSchema(ITypeSymbol type, bool nullable)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            return TypeSchema(wrapper.TypeArguments[0], nullable: true);

        if (type.TypeKind == TypeKind.Enum)
            return EnumSchema((INamedTypeSymbol)type, nullable);

        var simple = SimpleSchema(type);
        if (simple is not null)
            return Typed(simple.Value.Type, simple.Value.Extra, nullable);

        if (type.SpecialType == SpecialType.System_Object)
            return "true";

        var element = EnumerableElement(type);
        if (element is not null)
        {
            var items = TypeSchema(element, IsNullable(element, element.NullableAnnotation));
            return items is null ? null : Typed("array", "\"items\":" + items, nullable);
        }

        var value = DictionaryValue(type);
        if (value is not null)
        {
            var values = TypeSchema(value, IsNullable(value, value.NullableAnnotation));
            return values is null ? null : Typed("object", "\"additionalProperties\":" + values, nullable);
        }

        return null;
    }

    private static (string Type, string? Extra)? SimpleSchema(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return ("string", null);
            case SpecialType.System_Boolean:
                return ("boolean", null);
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
                or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return ("integer", null);
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return ("number", null);
            case SpecialType.System_Char:
                return ("string", "\"minLength\":1,\"maxLength\":1");
            case SpecialType.System_DateTime:
                return ("string", "\"format\":\"date-time\"");
        }

        return type.ToDisplayString() switch
        {
            "System.DateTimeOffset" => ("string", "\"format\":\"date-time\""),
            "System.DateOnly" => ("string", "\"format\":\"date\""),
            "System.TimeOnly" => ("string", "\"format\":\"time\""),
            "System.Guid" => ("string", "\"format\":\"uuid\""),
            "System.Uri" => ("string", "\"format\":\"uri\""),
            "System.TimeSpan" => ("string", "\"pattern\":\"" + TimeSpanPattern + "\""),
            _ => null,
        };
    }

    private static string Typed(string type, string? extra, bool nullable)
    {
        var typeJson = nullable ? "[\"" + type + "\",\"null\"]" : "\"" + type + "\"";
        var comment = type == "string" && extra?.StartsWith("\"pattern\"", StringComparison.Ordinal) == true
            ? "\"$comment\":\"Represents a System.TimeSpan value.\","
            : "";
        return "{" + comment + "\"type\":" + typeJson + (extra is null ? "" : "," + extra) + "}";
    }

    private static string EnumSchema(INamedTypeSymbol type, bool nullable)
    {
        var names = EnumMembers(type).Select(member => Quote(member.Name)).ToList();
        if (nullable)
            names.Add("null");

        return Typed("string", "\"enum\":[" + string.Join(",", names) + "]", nullable);
    }

    private static string EnumDefault(INamedTypeSymbol type, object value)
    {
        var match = EnumMembers(type).FirstOrDefault(member => Equals(member.ConstantValue, value));
        return match is null
            ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"
            : Quote(match.Name);
    }

    private static IEnumerable<IFieldSymbol> EnumMembers(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(field => field.HasConstantValue);

    private static ITypeSymbol? EnumerableElement(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
            return array.ElementType;

        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            return null;

        return named.OriginalDefinition.ToDisplayString() switch
        {
            "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>"
                or "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyList<T>"
                or "System.Collections.Generic.ICollection<T>"
                or "System.Collections.Generic.IReadOnlyCollection<T>" => named.TypeArguments[0],
            _ => null,
        };
    }

    private static ITypeSymbol? DictionaryValue(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
            || named.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return named.OriginalDefinition.ToDisplayString() switch
        {
            "System.Collections.Generic.Dictionary<TKey, TValue>"
                or "System.Collections.Generic.IDictionary<TKey, TValue>"
                or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => named.TypeArguments[1],
            _ => null,
        };
    }

    private static bool IsNullable(ITypeSymbol type, NullableAnnotation annotation) =>
        type.IsReferenceType && annotation == NullableAnnotation.Annotated;
}

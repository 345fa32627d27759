using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>Converts the values a model sent to the types a tool's parameters declare.</summary>
public static class ToolArguments
{
    /// <summary>Reads a required argument.</summary>
    /// <exception cref="ToolArgumentException">The argument is missing or cannot be converted.</exception>
    public static T Required<T>(AIFunctionArguments arguments, string name, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!arguments.TryGetValue(name, out var value))
            throw new ToolArgumentException($"the argument '{name}' is required");

        return Convert<T>(value, name, options);
    }

    /// <summary>Reads an optional argument, or returns <paramref name="defaultValue"/> when it is absent.</summary>
    /// <exception cref="ToolArgumentException">The argument cannot be converted.</exception>
    public static T Optional<T>(
        AIFunctionArguments arguments,
        string name,
        T defaultValue,
        JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(name, out var value) ? Convert<T>(value, name, options) : defaultValue;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Options come from AIJsonUtilities.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Options come from AIJsonUtilities.")]
    private static T Convert<T>(object? value, string name, JsonSerializerOptions options)
    {
        try
        {
            switch (value)
            {
                case T typed:
                    return typed;
                case null:
                    return default(T) is null
                        ? default!
                        : throw new ToolArgumentException($"the argument '{name}' may not be null");
                case JsonElement element:
                    return element.Deserialize<T>(options)!;
                case string text when typeof(T) != typeof(string):
                    return JsonSerializer.Deserialize<T>(text, options)!;
                default:
                    return JsonSerializer.SerializeToElement(value, options).Deserialize<T>(options)!;
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or FormatException)
        {
            throw new ToolArgumentException($"the argument '{name}' is not a valid {typeof(T).Name}", exception);
        }
    }
}

/// <summary>The model sent an argument the tool cannot accept; the message is safe to show the model.</summary>
public sealed class ToolArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ToolArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

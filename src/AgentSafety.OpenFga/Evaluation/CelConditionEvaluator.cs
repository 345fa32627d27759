using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Xml;
using AgentSafety.OpenFga.Model;
using Cel;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>
/// Evaluates conditions with the <c>Cel</c> package, after giving every parameter the type the condition declares,
/// as OpenFGA does. The tuple's own values win over the request's, and a parameter missing from both fails the
/// evaluation even when the expression would not need it, as in OpenFGA.
/// </summary>
/// <remarks>
/// Timestamps, durations and IP addresses are handed to the <c>Cel</c> package in the forms it can compare and
/// compute with (<c>DateTimeOffset</c>, <c>TimeSpan</c>, normalized address text). A known leniency follows: an
/// <c>ipaddress</c> behaves as a string, so an expression that compares one with a string is accepted where CEL's
/// type checker would reject it.
/// </remarks>
internal sealed class CelConditionEvaluator : IConditionEvaluator
{
    private readonly CelEnvironment _environment;
    private readonly ConcurrentDictionary<string, Lazy<CelProgramDelegate>> _programs = new(StringComparer.Ordinal);

    public CelConditionEvaluator()
    {
        _environment = new CelEnvironment([], "");
        // An ipaddress travels as its normalized text: the Cel package compares strings but not IPAddress objects.
        _environment.RegisterFunction("ipaddress", [typeof(string)], args => ParseIpAddress(args[0]).ToString());
        _environment.RegisterFunction("in_cidr", [typeof(string), typeof(string)],
            args => IsInCidr(ParseIpAddress(args[0]), (string)args[1]!));
    }

    public bool Evaluate(ConditionDefinition condition, IReadOnlyDictionary<string, object?>? tupleContext,
        IReadOnlyDictionary<string, object?>? requestContext)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var parameter in condition.Parameters)
        {
            object? raw = null;
            var found = tupleContext?.TryGetValue(parameter.Name, out raw) == true
                || requestContext?.TryGetValue(parameter.Name, out raw) == true;
            if (!found)
            {
                missing.Add(parameter.Name);
                continue;
            }

            variables[parameter.Name] = ConvertParameter(condition.Name, parameter, raw);
        }

        if (missing.Count > 0)
            throw new FgaException(FgaErrorCode.ValidationError,
                $"failed to evaluate relationship condition '{condition.Name}': missing context parameters "
                + $"[{string.Join(", ", missing)}]");

        object? result;
        try
        {
            result = Compile(condition).Invoke(variables);
        }
        catch (Exception ex) when (ex is not (FgaException or OutOfMemoryException))
        {
            // Whatever the third-party evaluator throws is a failed condition, which denies; it never escapes as
            // an unexpected exception type.
            throw new FgaException(FgaErrorCode.ValidationError,
                $"failed to evaluate relationship condition '{condition.Name}': {ex.Message}", ex);
        }

        return result is bool allowed
            ? allowed
            : throw new FgaException(FgaErrorCode.ValidationError,
                $"relationship condition '{condition.Name}' did not evaluate to a bool");
    }

    /// <summary>Compiles the condition's expression once; later calls reuse the program.</summary>
    /// <exception cref="FgaException">The expression does not compile.</exception>
    public CelProgramDelegate Compile(ConditionDefinition condition)
    {
        try
        {
            return _programs.GetOrAdd(condition.Expression, expression => new Lazy<CelProgramDelegate>(
                () => _environment.Compile(expression))).Value;
        }
        catch (Exception ex) when (ex is not (FgaException or OutOfMemoryException))
        {
            throw new FgaException(FgaErrorCode.InvalidAuthorizationModel,
                $"condition '{condition.Name}' does not compile: {ex.Message}", ex);
        }
    }

    private static object? ConvertParameter(string condition, ConditionParameter parameter, object? raw)
    {
        try
        {
            return ConvertValue(parameter.Type, parameter.GenericType, raw);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new FgaException(FgaErrorCode.ValidationError,
                $"failed to convert context parameter '{parameter.Name}' of condition '{condition}' to "
                + $"{parameter.TypeText}: {ex.Message}");
        }
    }

    internal static object? ConvertValue(string type, string? genericType, object? raw)
    {
        if (raw is null)
            return null;

        return type switch
        {
            "any" => raw,
            "bool" => raw is bool b ? b : throw new InvalidCastException($"'{raw}' is not a bool"),
            "string" => raw is string s ? s : throw new InvalidCastException($"'{raw}' is not a string"),
            "int" => ToInt64(raw),
            "uint" => checked((ulong)ToInt64(raw)),
            "double" => ToFiniteDouble(raw),
            // The Cel package does timestamp and duration arithmetic (grant_time + grant_duration) only on the .NET
            // types, not on the protobuf ones, and compares them with timestamp("...") and duration("...").
            "duration" => ParseDuration(AsString(raw)),
            "timestamp" => DateTimeOffset.Parse(AsString(raw), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            "ipaddress" => ParseIpAddress(raw).ToString(),
            "list" => raw is IEnumerable<object?> items
                ? items.Select(item => ConvertValue(genericType ?? "any", null, item)).ToList()
                : throw new InvalidCastException($"'{raw}' is not a list"),
            "map" => raw is IEnumerable<KeyValuePair<string, object?>> entries
                ? entries.ToDictionary(e => e.Key, e => ConvertValue(genericType ?? "any", null, e.Value))
                : throw new InvalidCastException($"'{raw}' is not a map"),
            _ => throw new InvalidCastException($"'{type}' is not a known parameter type"),
        };
    }

    private static long ToInt64(object raw) => raw switch
    {
        long l => l,
        int i => i,
        ulong u => checked((long)u),
        double d when d == Math.Floor(d) && !double.IsInfinity(d) => checked((long)d),
        string text => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"'{raw}' is not an integer"),
    };

    private static double ToFiniteDouble(object raw)
    {
        var value = raw switch
        {
            double d => d,
            long l => l,
            int i => i,
            string text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException($"'{raw}' is not a number"),
        };

        // JSON has no infinities, and OpenFGA rejects values that overflow a double rather than round them.
        return double.IsFinite(value) ? value : throw new OverflowException($"'{raw}' is out of range for a double");
    }

    private static string AsString(object raw) =>
        raw as string ?? throw new InvalidCastException($"'{raw}' is not a string");

    private static IPAddress ParseIpAddress(object? raw) =>
        IPAddress.TryParse(raw as string, out var address)
            ? address
            : throw new FormatException($"'{raw}' is not an IP address");

    private static bool IsInCidr(IPAddress address, string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var network)
            || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            throw new FormatException($"'{cidr}' is not a CIDR range");
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != network.AddressFamily)
            return false;

        var left = address.GetAddressBytes();
        var right = network.GetAddressBytes();
        if (bits < 0 || bits > left.Length * 8)
            throw new FormatException($"'{cidr}' has an invalid prefix length");
        for (var i = 0; i < left.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((left[i] & mask) != (right[i] & mask))
                return false;
        }

        return true;
    }

    /// <summary>Parses Go-style durations as CEL writes them: <c>1h30m</c>, <c>10s</c>, <c>1.5h</c>, <c>300ms</c>.
    /// </summary>
    internal static TimeSpan ParseDuration(string text)
    {
        if (text.StartsWith('P'))
            return XmlConvert.ToTimeSpan(text);

        var span = text.AsSpan();
        var negative = span.StartsWith("-");
        if (negative || span.StartsWith("+"))
            span = span[1..];
        if (span is "0")
            return TimeSpan.Zero;
        if (span.IsEmpty)
            throw new FormatException($"'{text}' is not a duration");

        double ticks = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
                numberLength++;
            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength])
                   || (numberLength + unitLength < span.Length && span[numberLength + unitLength] == 'µ'))
                unitLength++;
            if (numberLength == 0 || unitLength == 0)
                throw new FormatException($"'{text}' is not a duration");

            var value = double.Parse(span[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture);
            var unit = span.Slice(numberLength, unitLength);
            ticks += value * unit switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" or "µs" => 10,
                "ns" => 0.01,
                _ => throw new FormatException($"'{text}' has an unknown duration unit"),
            };
            span = span[(numberLength + unitLength)..];
        }

        return TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
    }
}

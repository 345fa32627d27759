using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>Where a value comes from, as far as the analyzer can prove it.</summary>
internal enum ValueOriginKind
{
    /// <summary>Anything else: parameters, delegated tokens, results of unknown methods. Never evidence.</summary>
    Unknown,

    /// <summary>A compile-time constant or a value built only from constants.</summary>
    Literal,

    /// <summary><c>Environment.GetEnvironmentVariable</c> with a constant name.</summary>
    Environment,

    /// <summary>An <c>IConfiguration</c> read with a constant key.</summary>
    Configuration,
}

/// <summary>The origin of a value: its kind, the literal text or the variable/key name, and the read itself.</summary>
internal readonly struct ValueOrigin
{
    public ValueOrigin(ValueOriginKind kind, string? text, IOperation? read)
    {
        Kind = kind;
        Text = text;
        Read = read;
    }

    public static ValueOrigin Unknown => default;

    public ValueOriginKind Kind { get; }

    /// <summary>The literal value, or the environment variable or configuration key.</summary>
    public string? Text { get; }

    /// <summary>The environment or configuration read, for <see cref="ValueOriginKind.Environment"/> and
    /// <see cref="ValueOriginKind.Configuration"/>.</summary>
    public IOperation? Read { get; }

    public bool IsAmbientSecret => Kind is ValueOriginKind.Environment or ValueOriginKind.Configuration;

    public string SourceDescription => Kind == ValueOriginKind.Environment ? "the environment" : "configuration";
}

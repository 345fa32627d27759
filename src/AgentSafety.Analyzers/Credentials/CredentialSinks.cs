using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>What kind of credential a sink takes.</summary>
internal enum SinkKind
{
    None,

    /// <summary>A key, token or secret: an API-key header, a bearer token, an SDK key credential.</summary>
    Secret,

    /// <summary>A password: <c>NetworkCredential</c>, a Basic header, a username/password credential.</summary>
    Password,
}

/// <summary>A place that authenticates with the value it is given, and how to name it in a message.</summary>
internal readonly struct CredentialSink
{
    public CredentialSink(SinkKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    public SinkKind Kind { get; }

    public string Description { get; }
}

/// <summary>
/// Finds credential sinks, bound by parameter or property name, never by argument position (the lesson of
/// security-code-scan#130).
/// </summary>
internal static class CredentialSinks
{
    private static readonly ImmutableHashSet<string> AuthHeaderNames = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Authorization", "Proxy-Authorization", "x-api-key", "api-key", "apikey", "Ocp-Apim-Subscription-Key",
        "X-Goog-Api-Key", "PRIVATE-TOKEN", "X-Auth-Token", "X-Access-Token", "X-API-Token");

    // SDK credential types whose key parameter has a name the word list would not catch.
    private static readonly ImmutableDictionary<string, string> KeyParameters = ImmutableDictionary.CreateRange(
        StringComparer.Ordinal,
        new[]
        {
            Pair("ApiKeyCredential", "key"), Pair("AzureKeyCredential", "key"), Pair("AzureNamedKeyCredential", "key"),
            Pair("AzureSasCredential", "signature"), Pair("StorageSharedKeyCredential", "accountKey"),
            Pair("BasicAWSCredentials", "secretKey"),
        });

    /// <summary>The sink an argument feeds, if any.</summary>
    public static CredentialSink ForArgument(IArgumentOperation argument, IMethodSymbol method)
    {
        if (argument.Parameter is not { } parameter || parameter.Type.SpecialType != SpecialType.System_String)
            return default;

        var type = method.ContainingType;
        if (method.MethodKind == MethodKind.Constructor && type is not null)
        {
            if (type.Name == "NetworkCredential" && parameter.Name == "password")
                return new CredentialSink(SinkKind.Password, "the NetworkCredential password");

            if (type.Name == "AuthenticationHeaderValue" && parameter.Name == "parameter")
                return AuthenticationHeader(argument);

            if (KeyParameters.TryGetValue(type.Name, out var keyParameter) && keyParameter == parameter.Name)
                return new CredentialSink(SinkKind.Secret, "the " + type.Name);
        }

        if (method.Name is "Add" or "TryAddWithoutValidation" && parameter.Name is "value" or "values" &&
            IsHttpHeaders(type) && HeaderName(argument) is { } header)
        {
            return new CredentialSink(SinkKind.Secret, "the " + header + " header");
        }

        return CredentialWords.Classify(parameter.Name) == CredentialNameKind.None
            ? default
            : ByName(parameter.Name, "parameter '" + parameter.Name + "' of '" + method.Name + "'");
    }

    /// <summary>The sink a property or field assignment feeds, if any.</summary>
    public static CredentialSink ForMember(ISymbol member, ITypeSymbol memberType)
    {
        if (memberType.SpecialType != SpecialType.System_String)
            return default;

        var owner = member.ContainingType?.Name;
        if (member.Name == "Password" && owner is "NetworkCredential" or "UriBuilder" or "SqlConnectionStringBuilder")
            return new CredentialSink(SinkKind.Password, "the " + owner + " password");

        return CredentialWords.Classify(member.Name) == CredentialNameKind.None
            ? default
            : ByName(member.Name, "'" + member.Name + "'");
    }

    private static CredentialSink ByName(string name, string description) =>
        CredentialWords.Classify(name) switch
        {
            CredentialNameKind.Password => new CredentialSink(SinkKind.Password, description),
            CredentialNameKind.Secret => new CredentialSink(SinkKind.Secret, description),
            _ => default,
        };

    private static CredentialSink AuthenticationHeader(IArgumentOperation parameterArgument)
    {
        if (parameterArgument.Parent is IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "scheme" &&
                    argument.Value.ConstantValue is { HasValue: true, Value: string scheme } &&
                    string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase))
                {
                    return new CredentialSink(SinkKind.Password, "the Basic Authorization header");
                }
            }
        }

        return new CredentialSink(SinkKind.Secret, "the Authorization header");
    }

    private static string? HeaderName(IArgumentOperation valueArgument)
    {
        if (valueArgument.Parent is not IInvocationOperation invocation)
            return null;

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "name" &&
                argument.Value.ConstantValue is { HasValue: true, Value: string name } &&
                AuthHeaderNames.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsHttpHeaders(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "HttpHeaders" &&
                current.ContainingNamespace?.ToDisplayString() == "System.Net.Http.Headers")
                return true;
        }

        return false;
    }

    private static System.Collections.Generic.KeyValuePair<string, string> Pair(string type, string parameter) =>
        new(type, parameter);
}

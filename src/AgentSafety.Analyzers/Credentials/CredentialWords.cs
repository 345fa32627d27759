using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Decides whether a name (variable, parameter, property, environment variable or configuration key) names a
/// credential. Names alone never raise a diagnostic; they only say which values and sinks to look at.
/// </summary>
internal static class CredentialWords
{
    // Whole words after splitting; bare "key", "auth" and "tokens" are left out on purpose, because agent code is
    // full of LLM tokens (maxTokens) and dictionary keys.
    private static readonly ImmutableHashSet<string> SecretWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "secret", "clientsecret", "token", "bearer", "credential", "credentials", "connectionstring", "sas",
        "apikey", "accesskey", "secretkey", "privatekey", "accountkey", "subscriptionkey", "signingkey",
        "accesstoken", "refreshtoken", "authtoken");

    private static readonly ImmutableHashSet<string> PasswordWords = ImmutableHashSet.Create(
        StringComparer.Ordinal, "password", "passwd", "pwd", "passphrase");

    // Any of these turns a credential word into a description of one: PasswordSettingKey, TokenEndpoint, ApiKeyName.
    private static readonly ImmutableHashSet<string> MetadataWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "name", "id", "url", "uri", "endpoint", "header", "scheme", "scope", "setting", "variable", "env", "path",
        "file", "ref", "format", "pattern", "regex", "policy", "template", "placeholder", "hint", "prompt",
        "question", "label", "length", "count", "max", "min", "type", "kind", "public", "expiry", "expires",
        "expiration", "lifetime", "hash", "salt", "reset", "changed", "strength", "validator", "provider", "source",
        "usage", "limit", "budget", "counter", "cache");

    // Well-known environment variables that hold long-lived secrets whatever their words say.
    private static readonly ImmutableHashSet<string> KnownSecretVariables = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN",
        "GH_TOKEN", "AWS_SECRET_ACCESS_KEY", "AZURE_CLIENT_SECRET", "HF_TOKEN", "HUGGINGFACE_TOKEN",
        "GOOGLE_API_KEY", "GEMINI_API_KEY", "MISTRAL_API_KEY", "COHERE_API_KEY", "SLACK_BOT_TOKEN",
        "STRIPE_SECRET_KEY", "SENDGRID_API_KEY", "NPM_TOKEN", "GITLAB_TOKEN", "DATABRICKS_TOKEN");

    // Every string parameter of every call is classified by name, and a project uses few distinct names; splitting
    // each one into words again was a measurable share of the credential rules' time. Bounded, so an IDE session that
    // sees many projects does not grow it without end.
    private const int MaxCachedNames = 20_000;
    private static readonly ConcurrentDictionary<string, CredentialNameKind> ClassifiedNames =
        new(StringComparer.Ordinal);

    /// <summary>What kind of credential a name describes.</summary>
    public static CredentialNameKind Classify(string? name)
    {
        if (name is null || name.Length == 0)
            return CredentialNameKind.None;

        if (ClassifiedNames.TryGetValue(name, out var known))
            return known;

        var kind = ClassifyWords(name);
        if (ClassifiedNames.Count < MaxCachedNames)
            ClassifiedNames.TryAdd(name, kind);

        return kind;
    }

    private static CredentialNameKind ClassifyWords(string name)
    {
        var words = Split(name);
        var kind = CredentialNameKind.None;
        for (var index = 0; index < words.Count; index++)
        {
            if (MetadataWords.Contains(words[index]))
                return CredentialNameKind.None;

            var single = words[index];
            var pair = index + 1 < words.Count ? single + words[index + 1] : null;
            if (PasswordWords.Contains(single) || (pair is not null && PasswordWords.Contains(pair)))
                kind = CredentialNameKind.Password;
            else if (kind == CredentialNameKind.None &&
                (SecretWords.Contains(single) || (pair is not null && SecretWords.Contains(pair))))
                kind = CredentialNameKind.Secret;
        }

        return kind;
    }

    /// <summary>True when an environment variable name is a known secret or names a credential.</summary>
    public static bool IsSecretVariable(string name) =>
        KnownSecretVariables.Contains(name) || Classify(name) != CredentialNameKind.None;

    /// <summary>
    /// Splits <c>OpenAI:ApiKey</c>, <c>GITHUB_TOKEN</c> or <c>clientSecretValue</c> into lower-case words at
    /// separators and camel-case humps.
    /// </summary>
    public static List<string> Split(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (!char.IsLetterOrDigit(character))
            {
                Flush(words, current);
                continue;
            }

            var startsHump = char.IsUpper(character) && current.Length > 0 &&
                (char.IsLower(name[index - 1]) ||
                 (index + 1 < name.Length && char.IsLower(name[index + 1]) && char.IsUpper(name[index - 1])));
            if (startsHump)
                Flush(words, current);

            current.Append(char.ToLowerInvariant(character));
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length == 0)
            return;

        words.Add(current.ToString());
        current.Clear();
    }
}

/// <summary>What a name says about the value it holds.</summary>
internal enum CredentialNameKind
{
    None,
    Secret,
    Password,
}

using System;
using System.Text.RegularExpressions;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Credentials carried inside a larger text: a connection string with <c>Password=</c> or an account key, and a URI
/// with <c>user:password@</c>. Such a literal is evidence on its own; no sink is needed.
/// </summary>
internal static class EmbeddedCredentials
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly Regex ConnectionStringPart = new(
        @"(?:^|;)\s*(?<key>password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*(?<value>[^;]*)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);

    private static readonly Regex UserInfo = new(
        @"\b[A-Za-z][A-Za-z0-9+.\-]*://(?<user>[^/:@\s]+):(?<password>[^/@\s]+)@",
        RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>
    /// The connection-string key or <c>URI password</c> that carries a credential in <paramref name="text"/>, or
    /// <see langword="null"/>.
    /// </summary>
    public static string? Find(string text)
    {
        // Cheap checks first: most literals have no '=' with a key word before it, and no '@' after "://".
        if (text.IndexOf('=') >= 0 && HasConnectionStringKey(text))
        {
            foreach (Match part in ConnectionStringPart.Matches(text))
            {
                var value = part.Groups["value"].Value.Trim().Trim('\'', '"');
                if (!BenignValues.IsBenign(value))
                    return part.Groups["key"].Value;
            }
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && text.IndexOf('@', scheme) >= 0)
        {
            var userInfo = UserInfo.Match(text);
            if (userInfo.Success &&
                userInfo.Groups["password"].Value != userInfo.Groups["user"].Value &&
                !BenignValues.IsBenign(userInfo.Groups["password"].Value))
            {
                return "URI password";
            }
        }

        return null;
    }

    private static bool HasConnectionStringKey(string text) =>
        text.IndexOf("pass", StringComparison.OrdinalIgnoreCase) >= 0 ||
        text.IndexOf("pwd", StringComparison.OrdinalIgnoreCase) >= 0 ||
        text.IndexOf("key", StringComparison.OrdinalIgnoreCase) >= 0 ||
        text.IndexOf("signature", StringComparison.OrdinalIgnoreCase) >= 0;
}

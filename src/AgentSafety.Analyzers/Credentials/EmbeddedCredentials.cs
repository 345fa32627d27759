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
        if (text.IndexOf('=') >= 0)
        {
            foreach (Match part in ConnectionStringPart.Matches(text))
            {
                var value = part.Groups["value"].Value.Trim().Trim('\'', '"');
                if (!BenignValues.IsBenign(value))
                    return part.Groups["key"].Value;
            }
        }

        if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
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
}

using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// Shapes of well-known secrets (the table of the credential-detection design study, section 3). A regex runs only
/// when one of its cheap markers occurs in the text, and a match must look random, so shape-only fakes such as
/// <c>ghp_xxxx…</c> are not reported.
/// </summary>
internal static class SecretFormats
{
    private const double MinimumEntropy = 3.0;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly ImmutableArray<SecretFormat> Formats = ImmutableArray.Create(
        Format("GitHub token", "github", "gh?_", @"gh[pousr]_[A-Za-z0-9]{36,251}"),
        Format("GitHub fine-grained token", "github", "github_pat_", @"github_pat_[A-Za-z0-9_]{82}"),
        Format("GitLab token", "gitlab", "glpat-|gldt-|glrt-|glptt-|gloas-|glcbt-|glft-|glimt-|glagent-",
            @"gl(pat|dt|rt|ptt|oas|cbt|ft|imt|agent)-[A-Za-z0-9_\-]{20,}"),
        Format("AWS access key id", "aws", "AKIA|ASIA|ABIA|ACCA|A3T", @"(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}"),
        Format("Google API key", "google", "AIza", @"AIza[A-Za-z0-9_\-]{35}"),
        Format("OpenAI API key", "openai", "T3BlbkFJ",
            @"sk-([A-Za-z0-9_\-]+-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}"),
        Format("OpenAI project key", "openai", "sk-", @"sk-(proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}"),
        Format("Anthropic API key", "anthropic", "sk-ant-", @"sk-ant-(api|admin)0\d-[A-Za-z0-9_\-]{80,}"),
        Format("Hugging Face token", "huggingface", "hf_", @"hf_[A-Za-z]{34}"),
        Format("Stripe secret key", "stripe", "k_live_|k_test_|k_prod_",
            @"(sk|rk)_(live|test|prod)_[A-Za-z0-9]{10,99}"),
        Format("Slack token", "slack", "xox", @"xox[bpeoa]-[0-9]{6,}-[A-Za-z0-9\-]{10,}"),
        Format("Slack app token", "slack", "xapp-", @"xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{20,}"),
        Format("Slack webhook", "slack", "hooks.slack.com",
            @"hooks\.slack\.com/(services|workflows)/[A-Za-z0-9+/]{20,}"),
        Format("Twilio API key", "twilio", "SK", @"SK[0-9a-fA-F]{32}"),
        Format("SendGrid API key", "sendgrid", "SG.", @"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
        Format("npm token", "npm", "npm_", @"npm_[A-Za-z0-9]{36}"),
        Format("PyPI token", "pypi", "pypi-", @"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),
        Format("Entra ID client secret", "entra", "Q~", @"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}"),
        Format("JSON Web Token", "jwt", "eyJ", @"eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
        Format("private key", "private-key", "PRIVATE KEY", @"-----BEGIN[ A-Z]*PRIVATE KEY( BLOCK)?-----"),
        Format("Databricks token", "databricks", "dapi", @"dapi[0-9a-f]{32}"),
        Format("DigitalOcean token", "digitalocean", "_v1_", @"do[por]_v1_[0-9a-f]{64}"),
        Format("Shopify token", "shopify", "shp", @"shp(at|ca|pa|ss)_[0-9a-fA-F]{32}"),
        Format("Square token", "square", "sq0", @"sq0(atp|csp)-[A-Za-z0-9_\-]{22,60}"),
        Format("Telegram bot token", "telegram", ":A", @"\d{5,16}:A[A-Za-z0-9_\-]{34}"),
        Format("Vault token", "vault", "hvs.|hvb.", @"hv[sb]\.[A-Za-z0-9_\-]{90,}"),
        Format("Azure Storage account key", "azure-storage", "AccountKey=", @"AccountKey=[A-Za-z0-9+/]{86}=="),
        Format("Perplexity API key", "perplexity", "pplx-", @"pplx-[A-Za-z0-9]{48}"),
        Format("Linear API key", "linear", "lin_api_", @"lin_api_[A-Za-z0-9]{40}"),
        Format("Postman API key", "postman", "PMAK-", @"PMAK-[0-9a-f]{24}-[0-9a-f]{34}"));

    /// <summary>The first well-known secret in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static SecretFormat? Find(string text)
    {
        if (text.Length < 16)
            return null;

        foreach (var format in Formats)
        {
            if (!format.MayOccurIn(text))
                continue;

            var match = format.Pattern.Match(text);
            if (match.Success && LooksRandom(match.Value))
                return format;
        }

        return null;
    }

    private static bool LooksRandom(string secret) =>
        BenignValues.Entropy(secret) >= MinimumEntropy && !BenignValues.IsBenign(secret) &&
        secret.IndexOf("xxxx", StringComparison.OrdinalIgnoreCase) < 0;

    private static SecretFormat Format(string description, string connection, string markers, string pattern) =>
        new(description, connection, markers, new Regex(
            "(?<![A-Za-z0-9_])" + pattern, RegexOptions.CultureInvariant, RegexTimeout));
}

/// <summary>
/// One secret shape: what it is called, the connection a delegated token would use instead, and its shape.
/// </summary>
internal sealed class SecretFormat
{
    private readonly string[] _markers;

    /// <param name="markers">
    /// Text that every match contains, <c>|</c>-separated; <c>?</c> stands for any one character. Checked before the
    /// regex, which is far more expensive.
    /// </param>
    public SecretFormat(string description, string connection, string markers, Regex pattern)
    {
        Description = description;
        Connection = connection;
        _markers = markers.Split('|');
        Pattern = pattern;
    }

    public string Description { get; }

    public string Connection { get; }

    public Regex Pattern { get; }

    /// <summary>True when <paramref name="text"/> holds one of the markers, so the regex may match.</summary>
    public bool MayOccurIn(string text)
    {
        foreach (var marker in _markers)
        {
            var wildcard = marker.IndexOf('?');
            if (wildcard < 0)
            {
                if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
                    return true;

                continue;
            }

            // "gh?_": the fixed text after the wildcard, then a check of the text before it.
            var tail = marker.Substring(wildcard + 1);
            var head = marker.Substring(0, wildcard);
            for (var index = text.IndexOf(tail, StringComparison.Ordinal); index >= 0;
                 index = text.IndexOf(tail, index + 1, StringComparison.Ordinal))
            {
                var start = index - 1 - head.Length;
                if (start >= 0 && string.CompareOrdinal(text, start, head, 0, head.Length) == 0)
                    return true;
            }
        }

        return false;
    }
}

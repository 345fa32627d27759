using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using AgentSafety;
using Microsoft.Extensions.Logging;

namespace UnsafeTools;

/// <summary>Tools that let a delegated token leave the call it was issued for (AS3002).</summary>
public sealed partial class TokenEscapeTools(ILogger<TokenEscapeTools> logger, HttpClient http)
{
    private AccessToken? _lastToken;

    [RequiresPermission("debug:read")]
    public string WhoAmI([DelegatedToken("github", "read:user")] AccessToken github) => github.Value;

    [RequiresPermission("drive:write")]
    public string Upload(string file, [DelegatedToken("drive", "files.write")] AccessToken drive)
    {
        logger.LogInformation("Uploading {File} with {Token}", file, drive.Value);
        _lastToken = drive;
        if (file.Length == 0)
            throw new ArgumentException("Empty file; token was " + drive.Value, nameof(file));

        return file + _lastToken.Connection;
    }

    // The injected client serves every later call: the next user's request would carry this user's token.
    [RequiresPermission("repos:read")]
    public async Task<string> Repos([DelegatedToken("github", "repo")] AccessToken github)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", github.Value);
        return await http.GetStringAsync(new Uri("https://api.github.com/user/repos"));
    }

    // The helper writes what it is given to the log: the token's text goes there through the call.
    [RequiresPermission("mail:read")]
    public string Inbox([DelegatedToken("mail", "Mail.Read")] AccessToken mail)
    {
        Audit("inbox", mail.Value);
        return "3 unread";
    }

    private void Audit(string action, string credential) =>
        logger.LogDebug("{Action} using {Credential}", action, credential);
}

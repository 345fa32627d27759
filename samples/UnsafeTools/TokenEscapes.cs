using System;
using AgentSafety;
using Microsoft.Extensions.Logging;

namespace UnsafeTools;

/// <summary>Tools that let a delegated token leave the call it was issued for (AS3002).</summary>
public sealed partial class TokenEscapeTools(ILogger<TokenEscapeTools> logger)
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
}

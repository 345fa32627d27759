using Duende.IdentityModel.Client;

namespace AgentSafety.OAuth;

/// <summary>Reads the OAuth <c>error</c> code of a response, whatever its HTTP status.</summary>
internal static class ProtocolErrors
{
    /// <summary>
    /// The error code when the provider answered with an OAuth error body, null when it did not (network failure,
    /// timeout, a non-JSON error page). Only codes made of the characters RFC 6749 allows are returned, so a log
    /// line never carries arbitrary provider text.
    /// </summary>
    public static string? Code(ProtocolResponse response)
    {
        if (response.ErrorType is not (ResponseErrorType.Protocol or ResponseErrorType.Http))
            return null;

        var code = response.TryGet("error");
        if (string.IsNullOrEmpty(code) || code.Length > 64)
            return null;

        return code.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.')
            ? code
            : null;
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for, if any.</summary>
    public static TimeSpan? RetryAfter(ProtocolResponse response, DateTimeOffset now)
    {
        var header = response.HttpResponse?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}

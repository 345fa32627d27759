using System.Net;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OpenFga.Client;

internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "OpenFGA {Method} {Path} answered {StatusCode}; retry {Attempt} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, HttpStatusCode statusCode,
        int attempt, int maxRetries, long delayMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "OpenFGA {Operation} failed with {StatusCode} ({ErrorCode})")]
    public static partial void RequestFailed(ILogger logger, string operation, HttpStatusCode statusCode,
        string? errorCode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "Fetched an OpenFGA access token for client {ClientId}")]
    public static partial void TokenFetched(ILogger logger, string clientId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "OpenFGA {Operation} timed out after {TimeoutMs} ms")]
    public static partial void TimedOut(ILogger logger, string operation, long timeoutMs);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "OpenFGA {Method} {Path} could not connect ({Error}); "
            + "retry {Attempt} of {MaxRetries} in {DelayMs} ms")]
    public static partial void ConnectionRetrying(ILogger logger, string method, string path, string error,
        int attempt, int maxRetries, long delayMs);
}

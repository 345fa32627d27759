using Microsoft.Extensions.Logging;

namespace AgentSafety.OAuth;

/// <summary>
/// Every log line of this package. None of them takes a token, a secret, a client assertion, an
/// <c>auth_req_id</c> or a provider's free-text error description: only ids, names, codes and numbers.
/// </summary>
internal static partial class OAuthLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "OpenID discovery at {Authority} failed ({ErrorType}, HTTP {StatusCode})")]
    public static partial void DiscoveryFailed(ILogger logger, string authority, string errorType, int statusCode);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug,
        Message = "Delegated token for {Subject} on {Connection} served from the cache")]
    public static partial void TokenCacheHit(ILogger logger, string subject, string connection);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Delegated token for {Subject} on {Connection} exchanged, valid for {Lifetime}")]
    public static partial void TokenExchanged(ILogger logger, string subject, string connection, TimeSpan lifetime);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning,
        Message = "Token exchange for {Subject} on {Connection} refused: {Error} (HTTP {StatusCode}); {Denial}")]
    public static partial void TokenExchangeRefused(
        ILogger logger, string subject, string connection, string error, int statusCode, string denial);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error,
        Message = "Token exchange for {Subject} on {Connection} failed: {ErrorType} (HTTP {StatusCode}, {Exception})")]
    public static partial void TokenExchangeFailed(
        ILogger logger, string subject, string connection, string errorType, int statusCode, string exception);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information,
        Message = "Delegated token for {Subject} on {Connection} reported rejected; removed from the cache")]
    public static partial void TokenEvicted(ILogger logger, string subject, string connection);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning,
        Message = "Token exchange for {Subject} on {Connection} granted fewer scopes than requested ({Missing})")]
    public static partial void TokenScopesMissing(ILogger logger, string subject, string connection, string missing);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning,
        Message = "No delegated token for {Subject} on {Connection}: the principal carries no subject token")]
    public static partial void NoSubjectToken(ILogger logger, string subject, string connection);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information,
        Message = "Approval of {Tool} requested from {Subject}; polling every {Interval}, expires in {ExpiresIn}")]
    public static partial void ApprovalRequested(
        ILogger logger, string tool, string subject, TimeSpan interval, TimeSpan expiresIn);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning,
        Message = "Approval request for {Tool} refused by the provider: {Error} (HTTP {StatusCode}); {Outcome}")]
    public static partial void ApprovalRequestRefused(
        ILogger logger, string tool, string error, int statusCode, ApprovalOutcome outcome);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error,
        Message = "Approval provider failed for {Tool}: {ErrorType} (HTTP {StatusCode}, {Exception})")]
    public static partial void ApprovalProviderFailed(
        ILogger logger, string tool, string errorType, int statusCode, string exception);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Debug,
        Message = "Provider asked to slow down polling for {Tool}; interval now {Interval}")]
    public static partial void ApprovalSlowDown(ILogger logger, string tool, TimeSpan interval);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information,
        Message = "Approval of {Tool} by {Subject} ended as {Outcome} after {Polls} poll(s)")]
    public static partial void ApprovalDecided(
        ILogger logger, string tool, string subject, ApprovalOutcome outcome, int polls);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Warning,
        Message = "Approval endpoint is unknown: the provider's discovery document has no backchannel endpoint")]
    public static partial void NoBackchannelEndpoint(ILogger logger);
}

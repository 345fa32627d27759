using Microsoft.Extensions.Logging;

namespace AgentSafety;

/// <summary>
/// The guard's structured log events. They carry the tool, the subject, the stage and a reason, never a token, a
/// secret or the model's raw arguments.
/// </summary>
internal static partial class GuardLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Tool {Tool} allowed for {Subject} in {ElapsedMs:0.0} ms")]
    public static partial void Allowed(ILogger logger, string tool, string subject, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Tool {Tool} denied for {Subject} at {Stage}: {Reason}")]
    public static partial void Denied(ILogger logger, string tool, string subject, GuardStage stage, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error,
        Message = "Tool {Tool} denied for {Subject} because the {Stage} check failed")]
    public static partial void StageFailed(
        ILogger logger, Exception exception, string tool, string subject, GuardStage stage);
}

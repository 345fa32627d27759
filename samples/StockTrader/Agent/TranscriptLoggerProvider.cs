using Microsoft.Extensions.Logging;

namespace StockTrader.Agent;

/// <summary>
/// Writes the guard's audit events into the transcript as they happen. The console logger of
/// Microsoft.Extensions.Logging writes from a background queue, which would interleave audit lines with the chat.
/// </summary>
public sealed class TranscriptLoggerProvider(TextWriter output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TranscriptLogger(output);

    public void Dispose()
    {
    }

    private sealed class TranscriptLogger(TextWriter output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                output.WriteLine($"  [audit {eventId.Id}] {formatter(state, exception)}");
        }
    }
}

using System.Collections.Concurrent;

namespace AgentSafety.OpenFga.Tests.Client;

/// <summary>A clock whose timers fire at once but remember how long they were asked to wait, so retry delays can
/// be checked without waiting for them.</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> RequestedDelays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
            RequestedDelays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}

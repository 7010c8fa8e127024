using System.Collections.Concurrent;

namespace OpsCenter.AppHost.Tests.Support;

/// <summary>
/// A clock that moves only when told, or by the length of a wait: every timer fires at once, so a back-off of
/// seconds runs in no time while the waits it asked for are kept for the test to read.
/// </summary>
internal sealed class InstantClock : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private long _ticks;

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        Advance(dueTime);
        // Not inline: the caller has not stored the timer yet.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

namespace OpsCenter.Simulators.Simulation;

/// <summary>Where simulated time comes from: the wall clock (maybe accelerated) or a test's virtual clock.</summary>
internal interface ISimulationClock
{
    DateTimeOffset Now { get; }

    /// <summary>Returns once simulated time has reached <paramref name="target"/>.</summary>
    ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken);
}

/// <summary>
/// Simulated time that runs <c>speed</c> times faster than the wall clock from a start in the past,
/// and once it catches up with the present simply follows the wall clock: the contract rejects
/// timestamps more than 5 minutes in the future, so an accelerated demo must replay the recent past.
/// </summary>
internal sealed class AcceleratedClock(DateTimeOffset simulatedStart, double speed, TimeProvider? wallClock = null) : ISimulationClock
{
    private readonly TimeProvider _wall = wallClock ?? TimeProvider.System;
    private readonly long _startTimestamp = (wallClock ?? TimeProvider.System).GetTimestamp();

    public double Speed { get; } = Math.Max(speed, 0.001);

    /// <summary>A clock that covers <paramref name="length"/> of simulated time and reaches the present as it ends.</summary>
    public static AcceleratedClock EndingNow(TimeSpan length, double speed, TimeProvider? wallClock = null)
    {
        var now = (wallClock ?? TimeProvider.System).GetUtcNow();
        return new AcceleratedClock(now - length + length / Math.Max(speed, 0.001), speed, wallClock);
    }

    public DateTimeOffset Now
    {
        get
        {
            var accelerated = simulatedStart + _wall.GetElapsedTime(_startTimestamp) * Speed;
            var wallNow = _wall.GetUtcNow();
            return accelerated > wallNow && simulatedStart <= wallNow ? wallNow : accelerated;
        }
    }

    public async ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        for (var guard = 0; guard < 1_000_000; guard++)
        {
            var remaining = target - Now;
            if (remaining <= TimeSpan.Zero)
                return;
            // Once caught up with the present, simulated time advances at wall speed.
            var caughtUp = Now >= _wall.GetUtcNow() - TimeSpan.FromMilliseconds(5);
            var wallDelay = caughtUp ? remaining : remaining / Speed;
            await Task.Delay(Clamp(wallDelay), _wall, cancellationToken);
        }
    }

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
}

/// <summary>Time that moves only when asked: tests and backfill run a day in milliseconds.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : ISimulationClock
{
    public DateTimeOffset Now { get; private set; } = start;

    public ValueTask WaitUntilAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (target > Now)
            Now = target;
        return ValueTask.CompletedTask;
    }
}

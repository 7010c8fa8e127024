using OpsCenter.Ingest.Pipeline;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class BadInputThrottleTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void A_device_is_throttled_once_its_rejections_exceed_the_burst_budget()
    {
        var throttle = new BadInputThrottle(rejectsPerSecond: 5, _clock);
        for (var i = 0; i < 9; i++)
            throttle.RecordRejection("flood");
        Assert.False(throttle.IsThrottled("flood"));
        throttle.RecordRejection("flood");
        Assert.True(throttle.IsThrottled("flood"));
    }

    [Fact]
    public void Other_devices_are_not_affected()
    {
        var throttle = new BadInputThrottle(rejectsPerSecond: 5, _clock);
        for (var i = 0; i < 100; i++)
            throttle.RecordRejection("flood");
        Assert.True(throttle.IsThrottled("flood"));
        Assert.False(throttle.IsThrottled("good-camera"));
    }

    [Fact]
    public void The_budget_refills_with_time_so_a_repaired_device_gets_through_again()
    {
        var throttle = new BadInputThrottle(rejectsPerSecond: 5, _clock);
        for (var i = 0; i < 100; i++)
            throttle.RecordRejection("flood");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsThrottled("flood"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

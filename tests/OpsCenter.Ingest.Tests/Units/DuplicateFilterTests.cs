using OpsCenter.Ingest.Pipeline;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class DuplicateFilterTests
{
    private static readonly DateTimeOffset Ts = new(2026, 11, 26, 8, 15, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Same_device_seq_and_ts_is_a_duplicate()
    {
        var filter = new DuplicateFilter();
        Assert.True(filter.TryAdd("cam-1", 5, Ts));
        Assert.False(filter.TryAdd("cam-1", 5, Ts));
    }

    [Fact]
    public void Seq_reset_after_reboot_with_a_new_ts_is_not_a_duplicate()
    {
        var filter = new DuplicateFilter();
        Assert.True(filter.TryAdd("cam-1", 0, Ts));
        Assert.True(filter.TryAdd("cam-1", 0, Ts.AddMinutes(5)));
        Assert.True(filter.TryAdd("cam-2", 0, Ts));
    }

    [Fact]
    public void Remembers_a_bounded_window_per_device()
    {
        var filter = new DuplicateFilter(perDevice: 4);
        for (var seq = 0; seq < 5; seq++)
            Assert.True(filter.TryAdd("d", seq, Ts));
        Assert.False(filter.TryAdd("d", 4, Ts));
        Assert.True(filter.TryAdd("d", 0, Ts)); // fell out of the window; storage is idempotent for this case
    }
}

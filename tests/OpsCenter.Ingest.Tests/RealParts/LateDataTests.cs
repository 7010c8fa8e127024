using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>Late data up to 7 days is stored at its own time and marked, so rollups can fold it into its period.</summary>
public sealed class LateDataTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_day_old_reading_is_stored_at_its_own_time_marked_late_and_a_fresh_one_is_not()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var device = harness.DetectorIds()[0];
        await using var devices = await harness.ConnectDevicesAsync();
        var dayOld = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-3);
        var fresh = DateTimeOffset.UtcNow.AddSeconds(-2);

        await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, 1, dayOld));
        await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, 2, fresh));
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 2, Patience, "both stored");

        var rows = (await harness.Reader.SeriesAsync("SELECT seq, late FROM traffic_telemetry ORDER BY time"))[0].Rows().ToList();
        Assert.Equal(2, rows.Count);
        var storedAt = DateTimeOffset.FromUnixTimeMilliseconds(rows[0]["time"].GetInt64() / 1_000_000);
        Assert.Equal(dayOld.ToUnixTimeMilliseconds(), storedAt.ToUnixTimeMilliseconds());
        Assert.True(rows[0]["late"].GetBoolean());
        Assert.False(rows[1]["late"].GetBoolean());
        Assert.Equal(2, rows[1]["seq"].GetInt64());
    }
}

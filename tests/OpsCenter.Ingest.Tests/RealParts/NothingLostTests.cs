using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>Through Debian's mosquitto and a real InfluxDB: outages and crashes lose nothing and store nothing twice.</summary>
public sealed class NothingLostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task InfluxDB_outage_under_load_buffers_to_disk_and_replays_every_point()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        const int total = 3000;
        await TrafficLoad.PublishAsync(devices, detectors, 1000, 0, start);
        await harness.Influx.StopAsync();
        await TrafficLoad.PublishAsync(devices, detectors, 1000, 1000, start);

        // Down: a clear failing /health naming InfluxDB, not a crash; the messages sit in the on-disk buffer.
        // Waits for the ping check's own words: the first failing answer may come from the write check alone (its
        // "buffering to disk"), and the check names ("influxdb") are in every answer.
        await Eventually.Get(ingest.HealthAsync, h => h.Status == 503 && h.Body.Contains("InfluxDB does not answer", StringComparison.Ordinal),
            Patience, "failing /health saying InfluxDB does not answer");
        await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_buffered_total") > 0, Patience, "messages buffered");
        Assert.False(ingest.HasExited);

        await harness.Influx.StartAsync();
        await TrafficLoad.PublishAsync(devices, detectors, 1000, 2000, start);
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total, Patience, $"all {total} points in InfluxDB");
        await Eventually.True(async () => (await ingest.HealthAsync()).Status == 200, Patience, "healthy again with the buffer drained");
    }

    [Fact]
    public async Task A_frozen_InfluxDB_does_not_hold_acknowledgements_batches_go_to_the_disk_buffer()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        // SIGSTOP: the port still accepts connections but nothing answers, as with a hung server.
        Signal(harness.Influx.Pid!.Value, "STOP");
        try
        {
            await TrafficLoad.PublishAsync(devices, detectors, 500, 0, start);
            await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_slow_writes_total") >= 1, Patience, "a write over budget");
            await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_buffered_total") == 500, Patience, "all 500 buffered");
        }
        finally
        {
            Signal(harness.Influx.Pid!.Value, "CONT");
        }
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 500, Patience, "all 500 in InfluxDB once it thaws");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Fact]
    public async Task Ingest_killed_mid_stream_loses_nothing_after_restart()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        const int total = 4000;
        await TrafficLoad.PublishAsync(devices, detectors, total, 0, start, async sent =>
        {
            if (sent == 1500)
                ingest.Kill(); // SIGKILL: no goodbye, no flush
            if (sent == 3000)
                await ingest.StartAsync(); // same client id (persistent session) and same buffer folder
        });

        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total, Patience, $"all {total} points in InfluxDB");
    }

    [Fact]
    public async Task Full_buffer_stops_acknowledging_so_the_broker_holds_the_rest_and_nothing_is_lost()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync(new Dictionary<string, string?> { ["Ingest__BufferMaxBytes"] = "1000000" });
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        await harness.Influx.StopAsync();
        const int total = 10_000; // ~2 MB of line protocol: twice what the buffer may hold
        await TrafficLoad.PublishAsync(devices, detectors, total, 0, start);

        // The buffer fills to its limit and stays there: the rest waits unacknowledged in the broker.
        await Eventually.True(async () => (await ingest.HealthAsync()).Body.Contains("bytes waiting in the on-disk buffer", StringComparison.Ordinal),
            Patience, "buffer in use");
        var buffered = await Eventually.Get(() => IngestHarness.MetricAsync(ingest, "opscenter_ingest_buffered_total"), n => n > 1000, Patience, "buffering");
        Assert.True(buffered < total, $"all {total} were buffered: the limit did not hold");
        Assert.False(ingest.HasExited);

        await harness.Influx.StartAsync();
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total, Patience, $"all {total} points after InfluxDB returns");
    }

    [Fact]
    public async Task Acknowledgements_written_per_batch_by_Ingest_reach_the_broker_so_a_restarted_Ingest_is_sent_nothing_again()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        const int total = 3000; // six batches of 500, each batch's PUBACKs written by Ingest in one write
        await TrafficLoad.PublishAsync(devices, detectors, total, 0, start);
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total, Patience, $"all {total} points in InfluxDB");
        await ingest.StopAsync(); // waits for the last batch's acknowledgements to be sent
        await ingest.StartAsync(); // same client id: the persistent session would hand back anything unacknowledged
        await Eventually.True(async () => (await ingest.HealthAsync()).Status == 200, Patience, "Ingest healthy again");

        // The broker sends a session's held messages before newer ones: once this one is stored, any redelivery has come.
        await TrafficLoad.PublishAsync(devices, detectors, 1, total, start);
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total + 1, Patience, "the message after the restart stored");
        Assert.Equal(1, await IngestHarness.MetricAsync(ingest, "opscenter_ingest_received_total"));
    }

    [Fact]
    public async Task Repeated_messages_are_stored_once()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var device = harness.DetectorIds()[0];
        await using var devices = await harness.ConnectDevicesAsync();
        var ts = DateTimeOffset.UtcNow.AddSeconds(-5);

        for (var i = 0; i < 3; i++)
            await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, 7, ts));
        await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, 8, ts));

        await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_duplicates_total") == 2, Patience, "two duplicates counted");
        // Durable is not the same as in InfluxDB yet: on a busy machine a write slower than the budget goes to the disk
        // buffer first and is replayed a moment later.
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 2, Patience, "the two distinct readings stored");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Ingest.DeadLetters;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>
/// A real InfluxDB that answers but refuses — a field-type conflict, a dropped database, wrong credentials — costs no
/// acknowledged message: each is stored, dead-lettered with InfluxDB's reason, or buffered until InfluxDB takes it.
/// </summary>
public sealed class WriteErrorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Lines_refused_for_a_field_type_conflict_are_dead_lettered_and_the_rest_of_the_batch_is_stored()
    {
        await using var harness = await IngestHarness.StartAsync();
        // A long batch window, so the good and the conflicting messages reach InfluxDB as one batch.
        var ingest = await harness.StartIngestAsync(new Dictionary<string, string?> { ["Ingest__BatchDelayMilliseconds"] = "500" });
        var detectors = harness.DetectorIds();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        // Another writer made `congested` a string in this shard, so Ingest's boolean `congested` conflicts with it.
        await harness.WriteLinesAsync($"traffic_telemetry,device=other-writer congested=\"yes\" {start.ToUnixTimeMilliseconds() * 1_000_000}");
        await using var devices = await harness.ConnectDevicesAsync();

        const int total = 30;
        long[] conflictingSeqs = [5, 17, 26];
        for (var seq = 0L; seq < total; seq++)
        {
            var device = detectors[(int)seq % detectors.Count];
            var payload = TrafficLoad.Payload(device, seq, start.AddMilliseconds(seq));
            if (conflictingSeqs.Contains(seq))
                payload = payload[..^1] + ",\"congested\":true}";
            await devices.PublishAsync(TrafficLoad.Topic(device), payload);
        }

        var stored = total - conflictingSeqs.Length;
        try
        {
            await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == stored, Patience, $"the {stored} good messages stored");
        }
        catch (TimeoutException e)
        {
            // Timed out once in a fresh-clone run under the parallel suites: keep what Ingest said and what it stored.
            throw new TimeoutException($"{e.Message}; stored {await harness.CountAsync("traffic_telemetry")}. Ingest's output:\n{ingest.OutputTail}", e);
        }
        var letters = await Eventually.Get(() => RefusedAsync(ingest), l => l.Count == conflictingSeqs.Length, Patience, "the conflicting messages dead-lettered");
        Assert.Equal(conflictingSeqs.Select(s => detectors[(int)s % detectors.Count]).Order(), letters.Select(l => l.DeviceId).Order());
        Assert.All(letters, letter =>
        {
            Assert.Contains("field type conflict", letter.Detail, StringComparison.Ordinal);
            Assert.Contains("congested=t ", letter.PayloadPrefixText, StringComparison.Ordinal);
            Assert.Equal(TrafficLoad.Topic(letter.DeviceId!), letter.Topic);
        });

        // A batch InfluxDB takes whole is unaffected: stored, nothing more dead-lettered.
        await TrafficLoad.PublishAsync(devices, detectors, 20, total, start.AddSeconds(1));
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == stored + 20, Patience, "the clean batch stored");
        Assert.Equal(conflictingSeqs.Length, (await RefusedAsync(ingest)).Count);

        // Everything was acknowledged: the same persistent session, resumed, delivers only what is new.
        await ingest.StopAsync();
        await ingest.StartAsync();
        await TrafficLoad.PublishAsync(devices, detectors, 1, total + 20, start.AddSeconds(2));
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == stored + 21, Patience, "the marker stored after the restart");
        Assert.Equal(1, await IngestHarness.MetricAsync(ingest, "opscenter_ingest_received_total"));
    }

    [Fact]
    public async Task A_database_dropped_under_a_running_Ingest_is_created_again_and_the_next_messages_are_stored()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        await TrafficLoad.PublishAsync(devices, detectors, 100, 0, start);
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 100, Patience, "the first 100 stored");

        await harness.InfluxAdminAsync("DROP DATABASE opscenter");
        await TrafficLoad.PublishAsync(devices, detectors, 100, 100, start.AddSeconds(1));

        // Counted by their own sequence numbers: on a busy machine a first-batch write slower than the budget is also
        // buffered, and its replay may write those earlier points into the recreated database as well.
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry", fromSeq: 100) == 100, Patience,
            "the next 100 stored in the recreated database");
        // A slow write that landed is counted when the replay confirms it, a moment after its points are visible.
        await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_stored_total") == 200, Patience,
            "all 200 counted as stored");
        Assert.Equal(200, (await ingest.HealthAsync()).Status);
    }

    [Fact]
    public async Task Refused_credentials_buffer_with_a_health_hint_and_the_buffer_replays_once_they_are_right()
    {
        await using var harness = await IngestHarness.StartAsync(influxAuth: true);
        var ingest = harness.Ingest(settings: new Dictionary<string, string?>
        {
            ["Influx__Username"] = "ingest",
            ["Influx__Password"] = "ingest-password",
        });
        await ingest.StartAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        const int total = 200;
        await TrafficLoad.PublishAsync(devices, detectors, total, 0, start);

        var health = await Eventually.Get(ingest.HealthAsync, h => h.Status == 503 && h.Body.Contains("refuses our credentials", StringComparison.Ordinal),
            Patience, "/health naming the credentials");
        Assert.Contains("InfluxDB refuses our credentials (401): check Influx:Token / Influx:Username and Influx:Password", health.Body, StringComparison.Ordinal);
        await Eventually.True(async () => await IngestHarness.MetricAsync(ingest, "opscenter_ingest_buffered_total") == total, Patience, $"all {total} buffered");
        Assert.Equal(0, await harness.CountAsync("traffic_telemetry"));

        // The operator makes the credentials right; the database Ingest could not create at start-up is created now.
        await harness.InfluxAdminAsync("CREATE USER ingest WITH PASSWORD 'ingest-password' WITH ALL PRIVILEGES");

        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == total, Patience, $"all {total} replayed into InfluxDB");
        await Eventually.True(async () => (await ingest.HealthAsync()).Status == 200, Patience, "healthy with the buffer drained");
    }

    private static async Task<List<DeadLetter>> RefusedAsync(ServiceProcess ingest) =>
        await ingest.Http.GetFromJsonAsync<List<DeadLetter>>("api/dead-letters?reason=storeRefused", JsonSerializerOptions.Web) ?? [];
}

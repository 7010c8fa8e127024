using System.Net.Http.Json;
using OpsCenter.Ingest.Tests.Validation;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>A storm of malformed messages through Debian's mosquitto: none stored, every valid one stored, no crash.</summary>
public sealed class BadInputStormTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Malformed_messages_are_rejected_and_kept_while_every_valid_one_is_stored()
    {
        await using var harness = await IngestHarness.StartAsync();
        var ingest = await harness.StartIngestAsync();
        var detectors = harness.DetectorIds();
        await using var devices = await harness.ConnectDevicesAsync();
        var malformed = new MalformedMessages(seed: 7);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        // The fuzz bar through the real pipeline: ≥ 10,000 malformed, interleaved with valid ones.
        const int good = 2900;
        var bad = 0;
        var megabytes = 0;
        for (var i = 0; i < 14_500; i++)
        {
            if (i % 5 == 4)
            {
                var n = i / 5;
                var device = detectors[n % detectors.Count];
                await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, n, start.AddMilliseconds(n)));
            }
            else
            {
                var message = malformed.Malformed();
                // A few 1 MB payloads make the point; hundreds would only measure loopback copying.
                if (message.Kind == "megabyte" && ++megabytes > 25)
                    continue;
                // Wildcards and empty topics never leave a client or pass a broker: nothing to send.
                if (message.Topic.Length == 0 || message.Topic.IndexOfAny(['+', '#', '\0']) >= 0)
                    continue;
                // Ingest subscribes to ops/v1/#: a topic elsewhere never reaches it (nor is it a device's to use).
                var reachesIngest = message.Topic.StartsWith("ops/v1/", StringComparison.Ordinal);
                await devices.PublishRawAsync(message.Topic, message.Payload);
                if (reachesIngest)
                    bad++;
            }
        }

        Assert.True(bad >= 10_000, $"only {bad} malformed messages reached Ingest");
        await Eventually.Get(() => IngestHarness.MetricAsync(ingest, "opscenter_ingest_rejected_total"), n => n == bad, Patience, $"{bad} rejections counted");
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == good, Patience, $"{good} valid points stored");
        Assert.Equal(0, await harness.CountAsync("camera_telemetry"));
        Assert.Equal(0, await harness.CountAsync("camera_event"));
        Assert.Equal(0, await harness.CountAsync("counter_telemetry"));
        Assert.Equal(0, await harness.CountAsync("counter_event"));
        Assert.Equal(0, await harness.CountAsync("device_status"));
        Assert.False(ingest.HasExited);

        // Kept where an integrator can read them, newest first, with the reason and the first bytes.
        var letters = await ingest.Http.GetFromJsonAsync<List<DeadLetterView>>("api/dead-letters?limit=50");
        Assert.NotNull(letters);
        Assert.Equal(50, letters.Count);
        Assert.True(letters.Zip(letters.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");
        Assert.All(letters, l => Assert.False(string.IsNullOrEmpty(l.Reason)));
        Assert.All(letters, l => Assert.True(Convert.FromBase64String(l.PayloadPrefixBase64).Length <= 512));
        var totals = await ingest.Http.GetFromJsonAsync<List<TotalView>>("api/dead-letters/totals?limit=10000");
        Assert.Equal(bad, totals!.Sum(t => t.Count));
        var tooLarge = await ingest.Http.GetFromJsonAsync<List<DeadLetterView>>("api/dead-letters?reason=tooLarge&limit=5");
        Assert.All(tooLarge!, l => Assert.Equal("tooLarge", l.Reason));
    }

    private sealed record TotalView(string Reason, string DeviceId, long Count);

    private sealed record DeadLetterView(long Id, string Topic, string Reason, string Detail, string PayloadPrefixBase64, int PayloadLength);
}

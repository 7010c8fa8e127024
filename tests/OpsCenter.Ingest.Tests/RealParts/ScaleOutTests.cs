using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>Several Ingest instances share one external broker through an MQTT 5 shared subscription.</summary>
public sealed class ScaleOutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_instances_on_mosquitto_share_the_stream_each_message_once_and_survive_losing_one()
    {
        await using var harness = await IngestHarness.StartAsync();
        var first = harness.Ingest(instance: 1, sharedGroup: "ingest");
        var second = harness.Ingest(instance: 2, sharedGroup: "ingest");
        await first.StartAsync();
        await second.StartAsync();
        await Eventually.True(async () => (await first.HealthAsync()).Status == 200 && (await second.HealthAsync()).Status == 200, Patience, "both healthy");
        var detectors = harness.DetectorIds();
        await using var devices = await DevicePublisher.ConnectAsync(harness.Broker.Port);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        await TrafficLoad.PublishAsync(devices, detectors, 2000, 0, start);
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 2000, Patience, "2000 points");
        var firstReceived = await IngestHarness.MetricAsync(first, "opscenter_ingest_received_total");
        var secondReceived = await IngestHarness.MetricAsync(second, "opscenter_ingest_received_total");
        // Each message went to exactly one instance, and both took a share.
        Assert.Equal(2000, firstReceived + secondReceived);
        Assert.True(firstReceived > 0 && secondReceived > 0, $"shares were {firstReceived} and {secondReceived}");

        // Lose one instance: the other carries on with new messages.
        first.Kill();
        var before = await IngestHarness.MetricAsync(second, "opscenter_ingest_received_total");
        await TrafficLoad.PublishAsync(devices, detectors, 2000, 2000, start);
        await Eventually.True(async () => await IngestHarness.MetricAsync(second, "opscenter_ingest_received_total") - before >= 1000, Patience,
            "the surviving instance taking over");

        // What the broker still held for the killed instance's session arrives when it returns: nothing lost.
        await first.StartAsync();
        await Eventually.True(async () => await harness.CountAsync("traffic_telemetry") == 4000, Patience, "all 4000 points");
    }
}

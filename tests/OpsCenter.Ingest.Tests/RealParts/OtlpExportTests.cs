using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>With an OTLP endpoint set, a real Ingest process sends its batch spans and its logs there.</summary>
public sealed class OtlpExportTests
{
    // The exporters send every 5 s by default; a slow machine gets far more than that.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ingest_exports_batch_spans_and_logs_to_the_configured_OTLP_endpoint()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var harness = await IngestHarness.StartAsync();
        await harness.StartIngestAsync(new Dictionary<string, string?>
        {
            ["Telemetry__OtlpEndpoint"] = collector.Url.ToString(),
            ["Telemetry__OtlpProtocol"] = "HttpProtobuf",
        });
        var device = harness.DetectorIds()[0];
        await using var devices = await harness.ConnectDevicesAsync();

        await devices.PublishAsync(TrafficLoad.Topic(device), TrafficLoad.Payload(device, 1, DateTimeOffset.UtcNow.AddSeconds(-1)));

        await Eventually.True(() => Task.FromResult(collector.Received("traces", "ingest batch") && collector.Received("traces", "opscenter.ingest.stored_to")),
            Patience, "a batch span exported");
        await Eventually.True(() => Task.FromResult(collector.Received("logs", "Connected to MQTT broker")), Patience, "logs exported");
    }
}

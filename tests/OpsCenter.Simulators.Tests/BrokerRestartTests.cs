using System.Text;
using System.Text.Json;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Simulators.Transport;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

/// <summary>A device link across a real broker outage: the in-process MQTTnet broker stopped and started again on its port.</summary>
[Collection(TimingSensitive.Name)]
public sealed class BrokerRestartTests
{
    private const int Messages = 400;
    private static readonly TimeSpan PublishEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static DeviceRecord Camera => TestCity.Demo.Devices.First(d => d.Kind == "camera");

    [Fact]
    public async Task Every_message_of_a_steady_stream_reaches_the_broker_after_a_restart_and_counts_as_resent_not_failed()
    {
        var cancel = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        var first = await EmbeddedBroker.StartAsync(port);
        EmbeddedBroker? second = null;
        var stats = new RunStats();
        var device = DeviceFactory.Create(Camera, SimulationSettings.Create());
        var link = new MqttDeviceLinkFactory(new BrokerSettings { Port = port }).Create(Camera, () => device.ComposeConnect(DateTimeOffset.UtcNow), stats);
        try
        {
            stats.CountSent();
            stats.CountResult(await link.ConnectAsync(device.ComposeConnect(DateTimeOffset.UtcNow), cancel));
            var publisher = PublishSteadilyAsync(link, stats, cancel);

            await Eventually.True(() => stats.Acknowledged >= 50, Timeout, "the stream to get going");
            await first.DisposeAsync();
            await Eventually.True(() => stats.Waiting >= 20, Timeout, "20 messages to wait while the broker was down");
            second = await EmbeddedBroker.StartAsync(port);
            // The test plays the connection supervisor's part, so the reconnect comes only once the broker is back.
            await Eventually.True(async () =>
            {
                await link.MaintainAsync(cancel);
                return link.IsConnected;
            }, Timeout, "the link to reconnect");
            await publisher;
            await Eventually.True(async () =>
            {
                await link.MaintainAsync(cancel);
                return stats.Waiting == 0;
            }, Timeout, "no message left waiting");

            var arrived = Seqs(first).Concat(Seqs(second)).ToHashSet();
            var missing = Enumerable.Range(1, Messages).Where(seq => !arrived.Contains(seq)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} seqs never arrived, first {string.Join(", ", missing.Take(10))}");
            Assert.True(stats.Resent >= 20, stats.Line());
            Assert.Equal(0, stats.Failed);
            Assert.Equal(stats.Sent, stats.Acknowledged);

            await link.CloseAsync(goodbye: null, cancel);
            Assert.Equal(0, stats.UnsentAtStop);
            Assert.Matches(@"resent [1-9][\d,]* waiting 0 failed 0$", stats.Line());
        }
        finally
        {
            await link.DisposeAsync();
            if (second is not null)
                await second.DisposeAsync();
        }
    }

    private static async Task PublishSteadilyAsync(IDeviceLink link, RunStats stats, CancellationToken cancellationToken)
    {
        // A steady device rate, not a wait for a condition: the stream keeps flowing while the broker is away.
        using var timer = new PeriodicTimer(PublishEvery);
        for (var seq = 1; seq <= Messages && await timer.WaitForNextTickAsync(cancellationToken); seq++)
        {
            var payload = Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}");
            await stats.TrackAsync(link.PublishAsync(new OutboundMessage($"ops/v1/camera/{Camera.Id}/telemetry", payload, Retain: false), cancellationToken));
        }
    }

    private static IEnumerable<int> Seqs(EmbeddedBroker broker) => broker.Messages
        .Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
        .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt32());
}

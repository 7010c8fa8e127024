using System.Buffers;
using System.Text;
using System.Text.Json;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Fleet;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Simulators.Transport;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class FleetOverMqttTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static DeviceRecord Camera => TestCity.Demo.Devices.First(d => d.Kind == "camera");

    [Fact]
    public async Task A_device_publishes_retained_online_status_and_its_last_will_fires_when_dropped_abruptly()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var broker = await EmbeddedBroker.StartAsync();
        var device = DeviceFactory.Create(Camera, SimulationSettings.Create());
        var session = device.ComposeConnect(DateTimeOffset.UtcNow);
        var link = new MqttDeviceLinkFactory(new BrokerSettings { Port = broker.Port }).Create(Camera, () => device.ComposeConnect(DateTimeOffset.UtcNow), new RunStats());

        Assert.Equal(PublishOutcome.Acknowledged, await link.ConnectAsync(session, cancel));
        await Eventually.True(async () => await RetainedState(broker, Camera.Id) == "online", Timeout, "the retained online status");

        await link.DropAsync();

        await Eventually.True(async () => await RetainedState(broker, Camera.Id) == "offline", Timeout, "the retained offline status (last will)");
        var retained = (await broker.RetainedAsync()).Single(m => m.Topic == $"ops/v1/camera/{Camera.Id}/status");
        Assert.Equal(session.Will.Payload, retained.Payload.ToArray());
        Assert.Equal(0, JsonDocument.Parse(session.Will.Payload).RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(1, JsonDocument.Parse(session.Online.Payload).RootElement.GetProperty("seq").GetInt64());
        await link.DisposeAsync();
    }

    [Fact]
    public async Task A_device_reconnects_with_back_off_once_the_broker_is_reachable()
    {
        var cancel = TestContext.Current.CancellationToken;
        var port = OpsCenter.LocalServices.FreePort.Next();
        var device = DeviceFactory.Create(Camera, SimulationSettings.Create());
        await using var link = new MqttDeviceLinkFactory(new BrokerSettings { Port = port }).Create(Camera, () => device.ComposeConnect(DateTimeOffset.UtcNow), new RunStats());

        Assert.Equal(PublishOutcome.Deferred, await link.ConnectAsync(device.ComposeConnect(DateTimeOffset.UtcNow), cancel));
        await using var broker = await StartOnAsync(port);

        await Eventually.True(async () =>
        {
            await link.MaintainAsync(cancel);
            return link.IsConnected;
        }, Timeout, "the device reconnected");
        await Eventually.True(async () => await RetainedState(broker, Camera.Id) == "online", Timeout, "the retained online status");
    }

    [Fact]
    public async Task The_fleet_over_a_real_broker_sends_only_valid_messages_and_says_goodbye_with_retained_offline()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var broker = await EmbeddedBroker.StartAsync();
        var inventory = TestCity.Demo with { Devices = [.. TestCity.Demo.Devices.GroupBy(d => d.Kind).SelectMany(g => g.Take(3))] };
        var settings = SimulationSettings.Create();
        var start = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10);
        var model = new FleetModel(DeviceFactory.CreateAll(inventory, settings), settings, start);
        var stats = new RunStats();
        var runner = new FleetRunner(model, new MqttDeviceLinkFactory(new BrokerSettings { Port = broker.Port }), new VirtualClock(start), stats);

        await runner.RunAsync(start + TimeSpan.FromMinutes(5), cancel);

        Assert.Equal(0, stats.Failed);
        await Eventually.Get(() => Task.FromResult(broker.Received), n => n >= stats.Sent, Timeout, $"all {stats.Sent} sent messages at the broker");
        var received = broker.Messages.Select(m => new OutboundMessage(m.Topic, m.Payload, m.Retain)).ToList();
        ContractCheck.AssertAllValid(received, _ => DateTimeOffset.UtcNow);
        Assert.All(inventory.Devices, d => Assert.Contains(received, m => m.DeviceId == d.Id && m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)));
        foreach (var device in inventory.Devices)
            Assert.Equal("offline", await RetainedState(broker, device.Id, device.Kind));
    }

    private static async Task<string?> RetainedState(EmbeddedBroker broker, string deviceId, string kind = "camera")
    {
        var retained = (await broker.RetainedAsync()).FirstOrDefault(m => m.Topic == $"ops/v1/{kind}/{deviceId}/status");
        return retained is null ? null : JsonDocument.Parse(Encoding.UTF8.GetString(retained.Payload)).RootElement.GetProperty("state").GetString();
    }

    private static Task<EmbeddedBroker> StartOnAsync(int port) => EmbeddedBroker.StartAsync(port);
}

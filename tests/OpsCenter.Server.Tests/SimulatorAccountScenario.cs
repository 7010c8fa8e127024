using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests;

/// <summary>
/// The simulator's account, checked the same way on any broker: it may publish for any device under <c>ops/v1/</c>, and
/// nothing it publishes elsewhere nor anything it subscribes to ever gets through. As in <see cref="DeviceAclScenario"/>,
/// "never" is proven without sleeping: allowed messages are sent after the forbidden ones.
/// </summary>
public static class SimulatorAccountScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task Publishes_for_any_device_but_never_outside_device_topics(
        int port, string simulatorSecret, string serviceSecret, string watcherId, string clientId)
    {
        await using var watcher = await MqttProbe.ConnectAsync(port, watcherId, ServiceAccounts.Ingest, serviceSecret);
        await watcher.SubscribeAsync("#");
        await using var simulator = await MqttProbe.ConnectAsync(port, clientId, ServiceAccounts.Simulator, simulatorSecret);
        await simulator.SubscribeAsync("#");
        await simulator.SubscribeAsync("ops/v1/#");

        string[] forbidden =
        [
            "opscenter/v1/stored/camera",
            "opscenter/v1/commands/anything",
            "ops/v2/camera/x/telemetry",
            "anything/else",
        ];
        foreach (var topic in forbidden)
            await simulator.PublishAsync(topic);
        string[] allowed =
        [
            $"ops/v1/camera/{DeviceAclScenario.DeviceA}/telemetry",
            $"ops/v1/camera/{DeviceAclScenario.DeviceB}/status",
            "ops/v1/traffic/tfd-anywhere-0001/event",
            // The bad-input storm needs malformed device topics to reach the ingest's rejects too.
            "ops/v1/drone/cam-lechan-0001/telemetry",
        ];
        foreach (var topic in allowed)
            await simulator.PublishAsync(topic);

        await Eventually.True(() => Task.FromResult(allowed.All(watcher.Received.Contains)), Patience, "the simulator's device messages at the watcher");
        Assert.Empty(watcher.Received.Intersect(forbidden));
        // Subscribed to everything, yet it hears nothing: not even its own messages.
        Assert.Empty(simulator.Received);
    }
}

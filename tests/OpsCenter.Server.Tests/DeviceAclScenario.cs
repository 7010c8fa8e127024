using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests;

/// <summary>
/// The device rules, checked the same way on any broker: what a device may not publish never reaches a subscriber,
/// and what it may not read never reaches it. "Never" is proven without sleeping: a message the device may send is
/// sent after the forbidden ones and the check runs once it arrived.
/// </summary>
/// <remarks>
/// Each scenario connects under its own client id (device id plus a suffix, which the ACL allows): a client id reused
/// right after the previous scenario's disconnect can be taken over by the broker's late clean-up of the old session.
/// </remarks>
public static class DeviceAclScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public const string DeviceA = "cam-lechan-0001";
    public const string DeviceB = "cam-hongbang-0001";

    public static async Task Wrong_secrets_are_refused(int port, IReadOnlyDictionary<string, string> secrets)
    {
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => MqttProbe.ConnectAsync(port, DeviceA + "-wrong", DeviceA, secrets[DeviceB]));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => MqttProbe.ConnectAsync(port, DeviceA + "-wrong", DeviceA, "guess"));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => MqttProbe.ConnectAsync(port, "nobody-1", "nobody-1", secrets[DeviceA]));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => MqttProbe.ConnectAsync(port, "anonymous-1", null, null));
        await using var ok = await MqttProbe.ConnectAsync(port, DeviceA + "-signin", DeviceA, secrets[DeviceA]);
    }

    public static async Task Device_cannot_publish_as_another_device_or_outside_its_topics(
        int port, IReadOnlyDictionary<string, string> secrets, string serviceSecret, string watcherId)
    {
        await using var watcher = await MqttProbe.ConnectAsync(port, watcherId, ServiceAccounts.Ingest, serviceSecret);
        await watcher.SubscribeAsync("#");
        await using var device = await MqttProbe.ConnectAsync(port, DeviceA + "-pub", DeviceA, secrets[DeviceA]);

        string[] forbidden =
        [
            $"ops/v1/camera/{DeviceB}/telemetry",
            $"ops/v1/camera/{DeviceB}/status",
            $"ops/v1/traffic/{DeviceA}/telemetry",
            $"ops/v1/camera/{DeviceA}/command",
            $"ops/v1/camera/{DeviceA}/telemetry/extra",
            "opscenter/v1/stored/camera",
            "anything/else",
        ];
        foreach (var topic in forbidden)
            await device.PublishAsync(topic);
        var own = $"ops/v1/camera/{DeviceA}/telemetry";
        await device.PublishAsync(own);

        await Eventually.True(() => Task.FromResult(watcher.Received.Contains(own)), Patience, "the device's own telemetry at the watcher");
        Assert.Empty(watcher.Received.Intersect(forbidden));
    }

    public static async Task Device_reads_only_its_own_command_topic(
        int port, IReadOnlyDictionary<string, string> secrets, string serviceSecret, string commanderSecret, string watcherId)
    {
        await using var service = await MqttProbe.ConnectAsync(port, watcherId, ServiceAccounts.Ingest, serviceSecret);
        // Commands come from the Server's account: Ingest only reads device topics.
        await using var commander = await MqttProbe.ConnectAsync(port, watcherId + "-cmd", ServiceAccounts.Server, commanderSecret);
        await service.SubscribeAsync("ops/v1/#");
        await using var deviceA = await MqttProbe.ConnectAsync(port, DeviceA + "-sub", DeviceA, secrets[DeviceA]);
        await deviceA.SubscribeAsync("ops/v1/#");
        await deviceA.SubscribeAsync($"ops/v1/camera/{DeviceB}/command");
        await deviceA.SubscribeAsync($"ops/v1/camera/{DeviceA}/command");
        await using var deviceB = await MqttProbe.ConnectAsync(port, DeviceB + "-sub", DeviceB, secrets[DeviceB]);

        var bTelemetry = $"ops/v1/camera/{DeviceB}/telemetry";
        await deviceB.PublishAsync(bTelemetry);
        await Eventually.True(() => Task.FromResult(service.Received.Contains(bTelemetry)), Patience, "B's telemetry at the service");
        await commander.PublishAsync($"ops/v1/camera/{DeviceB}/command");
        var ownCommand = $"ops/v1/camera/{DeviceA}/command";
        await commander.PublishAsync(ownCommand);

        await Eventually.True(() => Task.FromResult(deviceA.Received.Contains(ownCommand)), Patience, "A's own command at A");
        Assert.Equal([ownCommand], deviceA.Received.Distinct());
    }

    /// <summary>Only Ingest reads device topics; the Server's account sees the internal topics and nothing else.</summary>
    public static async Task Server_account_reads_internal_topics_but_no_device_topic(
        int port, IReadOnlyDictionary<string, string> secrets, string serverSecret, string ingestSecret, string prefix)
    {
        await using var server = await MqttProbe.ConnectAsync(port, prefix + "-server", ServiceAccounts.Server, serverSecret);
        await server.SubscribeAsync("ops/v1/#");
        await server.SubscribeAsync("opscenter/v1/#");
        await using var ingest = await MqttProbe.ConnectAsync(port, prefix + "-ingest", ServiceAccounts.Ingest, ingestSecret);
        await using var device = await MqttProbe.ConnectAsync(port, DeviceA + "-srv", DeviceA, secrets[DeviceA]);

        var deviceTopic = $"ops/v1/camera/{DeviceA}/telemetry";
        await device.PublishAsync(deviceTopic);
        await ingest.PublishAsync("opscenter/v1/stored/camera");

        await Eventually.True(() => Task.FromResult(server.Received.Contains("opscenter/v1/stored/camera")), Patience, "the internal topic at the Server");
        Assert.DoesNotContain(deviceTopic, server.Received);
    }
}

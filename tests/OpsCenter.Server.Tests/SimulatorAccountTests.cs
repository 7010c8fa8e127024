using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using OpsCenter.LocalServices;
using OpsCenter.Broker.Hosting;
using OpsCenter.Broker.DeviceAccess;

namespace OpsCenter.Server.Tests;

/// <summary>
/// The opt-in demo/test-rig account <c>opscenter-simulator</c> (Broker:SimulatorAccount): publishes for any device, never
/// to internal topics, subscribes to nothing, keeps to its own client ids, and does not exist when the setting is off.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SimulatorAccountTests(ServerFixture server)
{
    private string IngestSecret => server.ServiceSecret(ServiceAccounts.Ingest);
    private string SimulatorSecret => server.ServiceSecret(ServiceAccounts.Simulator);

    [Fact]
    public Task Embedded_broker_lets_the_simulator_publish_for_any_device_but_not_internal_topics() =>
        SimulatorAccountScenario.Publishes_for_any_device_but_never_outside_device_topics(
            server.BrokerPort, SimulatorSecret, IngestSecret, "sim-watch-pub", $"{ServiceAccounts.Simulator}-acl-1");

    [Fact]
    public async Task Embedded_broker_answers_not_authorized_to_the_simulators_internal_publish_and_any_subscription()
    {
        await using var simulator = await MqttProbe.ConnectAsync(server.BrokerPort, $"{ServiceAccounts.Simulator}-acl-2", ServiceAccounts.Simulator, SimulatorSecret);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await simulator.PublishAsync("opscenter/v1/stored/camera"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await simulator.SubscribeAsync("ops/v1/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await simulator.SubscribeAsync($"ops/v1/camera/{DeviceAclScenario.DeviceA}/command"));
        var device = await simulator.PublishAsync($"ops/v1/camera/{DeviceAclScenario.DeviceA}/telemetry");
        Assert.True(device is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers, $"device telemetry: {device}");
    }

    [Fact]
    public async Task Embedded_broker_keeps_the_simulator_to_its_own_client_ids()
    {
        // A device's client id, or the Ingest's, would let it take over that session.
        await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            MqttProbe.ConnectAsync(server.BrokerPort, DeviceAclScenario.DeviceA, ServiceAccounts.Simulator, SimulatorSecret));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            MqttProbe.ConnectAsync(server.BrokerPort, "opscenter-ingest-sim", ServiceAccounts.Simulator, SimulatorSecret));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            MqttProbe.ConnectAsync(server.BrokerPort, $"{ServiceAccounts.Simulator}-acl-3", ServiceAccounts.Simulator, "guess"));
        await using var own = await MqttProbe.ConnectAsync(server.BrokerPort, $"{ServiceAccounts.Simulator}-acl-3", ServiceAccounts.Simulator, SimulatorSecret);
    }

    [Fact]
    public async Task Broker_refuses_the_simulator_entirely_when_the_setting_is_off()
    {
        // The account's hash stays in the registry file after the setting is turned off; the broker must ignore it.
        Assert.Contains(CredentialFiles.ReadAccounts(server.CredentialsDirectory), a => a.IsSimulator);
        var port = FreePort.Next();
        var registry = new MqttAccountRegistry(Options.Create(new BrokerSecurityOptions
        {
            RequireDeviceCredentials = true,
            CredentialsDirectory = server.CredentialsDirectory,
            SimulatorAccount = false,
        }), server.City, NullLogger<MqttAccountRegistry>.Instance);
        using var overflow = new QueueOverflowWatch(TimeProvider.System, NullLogger<QueueOverflowWatch>.Instance);
        using var broker = new EmbeddedBroker(Options.Create(new BrokerOptions { Port = port, HoldDevicesForIngestSeconds = 0 }),
            new BrokerAccessControl(registry, NullLogger<BrokerAccessControl>.Instance), registry, overflow, TimeProvider.System,
            NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
                MqttProbe.ConnectAsync(port, $"{ServiceAccounts.Simulator}-off", ServiceAccounts.Simulator, SimulatorSecret));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
            var a = DeviceAclScenario.DeviceA;
            await using var device = await MqttProbe.ConnectAsync(port, a, a, server.DeviceSecrets[a]);
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Mosquitto_gets_the_simulator_account_only_when_asked_and_with_the_same_rules()
    {
        var files = Directory.CreateTempSubdirectory("opscenter-mosquitto-sim-").FullName;
        try
        {
            await MosquittoFiles.ExportAsync(server.CredentialsDirectory, files);
            Assert.DoesNotContain($"user {ServiceAccounts.Simulator}\n", await File.ReadAllTextAsync(Path.Combine(files, MosquittoFiles.AclFileName)), StringComparison.Ordinal);

            var missing = await MosquittoFiles.ExportAsync(server.CredentialsDirectory, files, includeSimulator: true);
            Assert.Empty(missing);
            Assert.Contains($"user {ServiceAccounts.Simulator}\ntopic write ops/v1/#\n",
                await File.ReadAllTextAsync(Path.Combine(files, MosquittoFiles.AclFileName)), StringComparison.Ordinal);
            await using var mosquitto = await MosquittoServer.StartNewAsync(new MosquittoOptions
            {
                AllowAnonymous = false,
                PasswordFile = Path.Combine(files, MosquittoFiles.PasswordFileName),
                AclFile = Path.Combine(files, MosquittoFiles.AclFileName),
            });
            await SimulatorAccountScenario.Publishes_for_any_device_but_never_outside_device_topics(
                mosquitto.Port, SimulatorSecret, IngestSecret, "m-sim-watch", $"{ServiceAccounts.Simulator}-m-1");
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }
}

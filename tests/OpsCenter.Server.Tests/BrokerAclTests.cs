using MQTTnet;
using OpsCenter.LocalServices;
using OpsCenter.Broker.DeviceAccess;

namespace OpsCenter.Server.Tests;

/// <summary>Device credentials and topic rules on the embedded broker and on Debian's mosquitto with generated files.</summary>
[Collection(ServerCollection.Name)]
public sealed class BrokerAclTests(ServerFixture server)
{
    private string IngestSecret => server.ServiceSecret(ServiceAccounts.Ingest);
    private string ServerSecret => server.ServiceSecret(ServiceAccounts.Server);

    [Fact]
    public Task Embedded_broker_refuses_wrong_secrets() =>
        DeviceAclScenario.Wrong_secrets_are_refused(server.BrokerPort, server.DeviceSecrets);

    [Fact]
    public Task Embedded_broker_keeps_devices_to_their_own_topics() =>
        DeviceAclScenario.Device_cannot_publish_as_another_device_or_outside_its_topics(server.BrokerPort, server.DeviceSecrets, IngestSecret, "acl-watch-pub");

    [Fact]
    public Task Embedded_broker_lets_devices_read_only_their_command_topic() =>
        DeviceAclScenario.Device_reads_only_its_own_command_topic(server.BrokerPort, server.DeviceSecrets, IngestSecret, ServerSecret, "acl-watch-sub");

    [Fact]
    public Task Embedded_broker_gives_device_topics_to_Ingest_only() =>
        DeviceAclScenario.Server_account_reads_internal_topics_but_no_device_topic(server.BrokerPort, server.DeviceSecrets,
            ServerSecret, IngestSecret, "acl-srv");

    [Fact]
    public async Task Embedded_broker_answers_not_authorized_to_a_foreign_publish_and_subscription()
    {
        var a = DeviceAclScenario.DeviceA;
        await using var device = await MqttProbe.ConnectAsync(server.BrokerPort, a, a, server.DeviceSecrets[a]);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"ops/v1/camera/{DeviceAclScenario.DeviceB}/telemetry"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("ops/v1/#"));
        var own = await device.PublishAsync($"ops/v1/camera/{a}/status");
        Assert.True(own is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers, $"own status: {own}");
    }

    [Fact]
    public async Task Embedded_broker_refuses_a_device_using_another_clients_id()
    {
        var a = DeviceAclScenario.DeviceA;
        await using var ingest = await MqttProbe.ConnectAsync(server.BrokerPort, "opscenter-ingest-pinned", ServiceAccounts.Ingest, IngestSecret);
        await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            MqttProbe.ConnectAsync(server.BrokerPort, "opscenter-ingest-pinned", a, server.DeviceSecrets[a]));
        await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            MqttProbe.ConnectAsync(server.BrokerPort, DeviceAclScenario.DeviceB, a, server.DeviceSecrets[a]));
    }

    [Fact]
    public async Task Mosquitto_with_generated_files_enforces_the_same_rules()
    {
        var files = Directory.CreateTempSubdirectory("opscenter-mosquitto-files-").FullName;
        try
        {
            var missing = await MosquittoFiles.ExportAsync(server.CredentialsDirectory, files);
            Assert.Empty(missing);
            var acl = await File.ReadAllTextAsync(Path.Combine(files, MosquittoFiles.AclFileName));
            Assert.Contains($"user {DeviceAclScenario.DeviceA}\ntopic write ops/v1/camera/{DeviceAclScenario.DeviceA}/telemetry", acl, StringComparison.Ordinal);
            Assert.DoesNotContain(server.DeviceSecrets[DeviceAclScenario.DeviceA], await File.ReadAllTextAsync(Path.Combine(files, MosquittoFiles.PasswordFileName)), StringComparison.Ordinal);

            await using var mosquitto = await MosquittoServer.StartNewAsync(new MosquittoOptions
            {
                AllowAnonymous = false,
                PasswordFile = Path.Combine(files, MosquittoFiles.PasswordFileName),
                AclFile = Path.Combine(files, MosquittoFiles.AclFileName),
            });
            await DeviceAclScenario.Wrong_secrets_are_refused(mosquitto.Port, server.DeviceSecrets);
            await DeviceAclScenario.Device_cannot_publish_as_another_device_or_outside_its_topics(mosquitto.Port, server.DeviceSecrets, IngestSecret, "m-watch-pub");
            await DeviceAclScenario.Device_reads_only_its_own_command_topic(mosquitto.Port, server.DeviceSecrets, IngestSecret, ServerSecret, "m-watch-sub");
            await DeviceAclScenario.Server_account_reads_internal_topics_but_no_device_topic(mosquitto.Port, server.DeviceSecrets,
                ServerSecret, IngestSecret, "m-srv");
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }
}

using System.Text;
using Microsoft.AspNetCore.Builder;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.Broker.Hosting;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Broker.Tests;

/// <summary>The broker app, in process on a free port, stopped and started again on the same data folder.</summary>
public sealed class RetainedMessagesSurviveRestartTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-broker-tests-").FullName;
    private readonly int _port = FreePort.Next();

    [Fact]
    public async Task A_retained_status_and_liveness_are_there_after_a_restart_and_a_cleared_one_is_not()
    {
        await using (var broker = await StartAsync())
        {
            await PublishRetainedAsync("ops/v1/camera/cam-1/status", """{"state":"online"}""");
            await PublishRetainedAsync("opscenter/v1/liveness/cam-1", """{"deviceId":"cam-1","state":"online"}""");
            await PublishRetainedAsync("ops/v1/camera/cam-2/status", """{"state":"online"}""");
            await PublishRetainedAsync("ops/v1/camera/cam-2/status", ""); // an empty retained payload deletes it
            await broker.StopAsync(TestContext.Current.CancellationToken);
        }

        await using (var restarted = await StartAsync())
        {
            var retained = await ReadRetainedAsync("#");
            Assert.Equal("""{"state":"online"}""", retained.GetValueOrDefault("ops/v1/camera/cam-1/status"));
            Assert.Equal("""{"deviceId":"cam-1","state":"online"}""", retained.GetValueOrDefault("opscenter/v1/liveness/cam-1"));
            Assert.False(retained.ContainsKey("ops/v1/camera/cam-2/status"));
        }
    }

    [Fact]
    public async Task A_change_is_on_disk_within_the_flush_interval_while_running()
    {
        // What a SIGKILL would find: the file, not the orderly stop's last save.
        await using var broker = await StartAsync();
        await PublishRetainedAsync("ops/v1/traffic/det-1/status", """{"state":"degraded"}""");
        var file = new RetainedMessageFile(Path.Combine(_folder, "broker"));
        await Eventually.True(() => Task.FromResult(File.Exists(file.Path) &&
            file.Load().Any(m => m.Topic == "ops/v1/traffic/det-1/status")), TimeSpan.FromSeconds(5), "the retained file to hold the status");
    }

    [Fact]
    public async Task An_unreadable_file_is_moved_aside_and_the_broker_still_starts()
    {
        var folder = Path.Combine(_folder, "broker");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, RetainedMessageFile.FileName), "not json {", TestContext.Current.CancellationToken);
        await using var broker = await StartAsync();
        Assert.True(File.Exists(Path.Combine(folder, RetainedMessageFile.FileName + ".unreadable")));
        await PublishRetainedAsync("ops/v1/camera/cam-9/status", """{"state":"online"}""");
        Assert.Equal("""{"state":"online"}""", (await ReadRetainedAsync("ops/v1/camera/cam-9/status")).GetValueOrDefault("ops/v1/camera/cam-9/status"));
    }

    private Task<WebApplication> StartAsync() => InProcessBroker.StartAsync(_folder, _port, new Dictionary<string, string?>
    {
        ["Broker:DataPath"] = Path.Combine(_folder, "broker"),
        ["Broker:RetainedFlushMilliseconds"] = "50",
    });

    private async Task PublishRetainedAsync(string topic, string payload)
    {
        using var client = await ConnectAsync("publisher");
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        Assert.True(result.IsSuccess, $"publish {topic}: {result.ReasonCode}");
        await client.DisconnectAsync();
    }

    private async Task<Dictionary<string, string>> ReadRetainedAsync(string filter)
    {
        var received = new Dictionary<string, string>(StringComparer.Ordinal);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
                received[e.ApplicationMessage.Topic] = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(Options("reader"));
        await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        await client.SubscribeAsync(Marker, MqttQualityOfServiceLevel.AtLeastOnce);
        // Retained messages are queued at subscription; a publish of our own, made after, arrives after them.
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Marker).WithPayload("end")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Eventually.True(() => Task.FromResult(received.ContainsKey(Marker)), TimeSpan.FromSeconds(5), "the marker");
        await client.DisconnectAsync();
        lock (received)
        {
            received.Remove(Marker);
            return new Dictionary<string, string>(received, StringComparer.Ordinal);
        }
    }

    private const string Marker = "test/marker";

    private async Task<IMqttClient> ConnectAsync(string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(clientId));
        return client;
    }

    private MqttClientOptions Options(string clientId) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port)
        .WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run.
        }
        return ValueTask.CompletedTask;
    }
}

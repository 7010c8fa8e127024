using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OpsCenter.Tests.Shared;

/// <summary>A test's stand-in for field devices: publishes raw payloads at QoS 1 through a real broker.</summary>
public sealed class DevicePublisher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public static async Task<DevicePublisher> ConnectAsync(int port, string clientId = "test-devices", string? username = null, string? password = null)
    {
        var publisher = new DevicePublisher();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true);
        if (username is not null)
            builder.WithCredentials(username, password);
        await publisher._client.ConnectAsync(builder.Build());
        return publisher;
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
        if (!result.IsSuccess)
            throw new InvalidOperationException($"Publish to {topic} failed: {result.ReasonCode}");
    }

    /// <summary>Publishes bytes as they are, valid or not: bad input is part of what devices send.</summary>
    public async Task PublishRawAsync(string topic, byte[] payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        if (!result.IsSuccess)
            throw new InvalidOperationException($"Publish to {topic} failed: {result.ReasonCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
            await _client.DisconnectAsync();
        _client.Dispose();
    }
}

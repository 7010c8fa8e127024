using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OpsCenter.Server.Tests;

public sealed class ConnectionRefusedException(MqttClientConnectResultCode code) : Exception($"broker refused the connection: {code}")
{
    public MqttClientConnectResultCode Code { get; } = code;
}

/// <summary>A test MQTT 5 client that records what it receives, and reports reason codes instead of throwing.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<MqttProbe> ConnectAsync(int port, string clientId, string? username, string? password)
    {
        var probe = new MqttProbe();
        probe._client.ApplicationMessageReceivedAsync += e =>
        {
            probe.Received.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
            options.WithCredentials(username, password);
        MqttClientConnectResultCode code;
        try
        {
            code = (await probe._client.ConnectAsync(options.Build())).ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            code = MqttClientConnectResultCode.UnspecifiedError;
        }
        if (code == MqttClientConnectResultCode.Success)
            return probe;
        probe._client.Dispose();
        throw new ConnectionRefusedException(code);
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload = "{}")
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return result.ReasonCode;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return result.Items.Single().ResultCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
            await _client.DisconnectAsync();
        _client.Dispose();
    }
}

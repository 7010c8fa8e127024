using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Server.Live;

/// <summary>
/// Follows what Ingest stored and the device liveness it announces (internal topics), and keeps
/// <see cref="LiveCityState"/> current. Messages that fail to parse are logged and skipped: a bad internal
/// message must not stop the live views.
/// </summary>
public sealed partial class StoredStreamConsumer(
    LiveCityState state,
    IOptions<MqttConnectionOptions> mqttOptions,
    ILogger<StoredStreamConsumer> logger) : BackgroundService
{
    private IMqttClient? _client;

    public bool IsConnected => _client?.IsConnected ?? false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            Handle(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };

        var mqtt = mqttOptions.Value;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId($"{mqtt.ClientId}-live")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds));
        if (!string.IsNullOrEmpty(mqtt.Username))
            builder.WithCredentials(mqtt.Username, mqtt.Password);
        var options = builder.Build();

        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    await client.ConnectAsync(options, stoppingToken);
                    await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(InternalTopics.StoredFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                        .WithTopicFilter(f => f.WithTopic(InternalTopics.LivenessFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                        .Build(), stoppingToken);
                    LogConnected(mqtt.Host, mqtt.Port);
                    delay = TimeSpan.FromMilliseconds(250);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogConnectFailed(mqtt.Host, mqtt.Port, ex.Message);
                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
                }
            }
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    internal void Handle(string topic, byte[] payload)
    {
        try
        {
            if (topic.StartsWith(InternalTopics.Root + "stored/", StringComparison.Ordinal))
            {
                var batch = JsonSerializer.Deserialize(payload, IngestionJsonContext.Default.StoredBatch);
                foreach (var reading in batch?.Readings ?? [])
                    state.Apply(reading);
            }
            else if (topic.StartsWith(InternalTopics.Root + "liveness/", StringComparison.Ordinal))
            {
                var change = JsonSerializer.Deserialize(payload, IngestionJsonContext.Default.DeviceLivenessChanged);
                if (change is not null)
                    state.Apply(change);
            }
        }
        catch (JsonException ex)
        {
            LogBadInternalMessage(topic, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live views following Ingest on {Host}:{Port}")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach MQTT broker {Host}:{Port} for live views: {Error}")]
    private partial void LogConnectFailed(string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable internal message on {Topic}: {Error}")]
    private partial void LogBadInternalMessage(string topic, string error);
}

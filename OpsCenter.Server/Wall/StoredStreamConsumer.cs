using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Follows what Ingest stored and the device liveness it announces (internal topics), and keeps
/// <see cref="LiveCityState"/> current. Messages that fail to parse are logged and skipped: a bad internal
/// message must not stop the live views.
/// </summary>
public sealed partial class StoredStreamConsumer(
    LiveCityState state,
    LatestReadingsRecovery recovery,
    IEnumerable<IStoredStreamObserver> observers,
    IOptions<MqttConnectionOptions> mqttOptions,
    TimeProvider clock,
    ILogger<StoredStreamConsumer> logger) : BackgroundService, IMqttConnected
{
    private readonly IStoredStreamObserver[] _observers = [.. observers];
    private IMqttClient? _client;

    private volatile bool _following;

    /// <summary>
    /// Connected and subscribed on this connection. Not merely connected: between the connect and the subscription the
    /// state still holds what was true before the gap, and screens must not be told it is current.
    /// </summary>
    public bool IsConnected => _following && (_client?.IsConnected ?? false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            Handle(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ =>
        {
            _following = false;
            return Task.CompletedTask;
        };

        var mqtt = mqttOptions.Value;
        await MqttReconnectLoop.RunAsync(client, mqtt.ClientOptions("-live").WithCleanStart(true).BuildWithSocketBuffers(), async (_, ct) =>
        {
            _following = false;
            // What Ingest said before the gap proves nothing now: wait for its next live beat before calling figures current.
            state.DistrustPresence();
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(InternalTopics.StoredFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(InternalTopics.LivenessFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(InternalTopics.PresenceFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(), ct);
            _following = true;
            LogConnected(mqtt.Host, mqtt.Port);
            // After the subscription, so nothing stored in between is missed; late readings never overwrite newer ones.
            await recovery.RestoreAsync(ct);
        }, logger, clock, stoppingToken);
    }

    /// <param name="retained">Delivered from the broker's store on subscribing, not sent just now.</param>
    internal void Handle(string topic, byte[] payload, bool retained = false)
    {
        try
        {
            if (topic.StartsWith(InternalTopics.Root + "stored/", StringComparison.Ordinal))
            {
                var batch = JsonSerializer.Deserialize(payload, IngestionJsonContext.Default.StoredBatch);
                foreach (var reading in batch?.Readings ?? [])
                {
                    state.Apply(reading);
                    foreach (var observer in _observers)
                        observer.OnReading(reading, live: true);
                }
            }
            else if (topic.StartsWith(InternalTopics.Root + "presence/", StringComparison.Ordinal))
            {
                if (JsonSerializer.Deserialize(payload, IngestionJsonContext.Default.ServicePresence) is { } presence)
                    state.Apply(presence, retained);
            }
            else if (topic.StartsWith(InternalTopics.Root + "liveness/", StringComparison.Ordinal))
            {
                var change = JsonSerializer.Deserialize(payload, IngestionJsonContext.Default.DeviceLivenessChanged);
                if (change is not null)
                {
                    state.Apply(change);
                    foreach (var observer in _observers)
                        observer.OnLiveness(change);
                }
            }
        }
        catch (JsonException ex)
        {
            LogBadInternalMessage(topic, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live views following Ingest on {Host}:{Port}")]
    private partial void LogConnected(string host, int port);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable internal message on {Topic}: {Error}")]
    private partial void LogBadInternalMessage(string topic, string error);
}

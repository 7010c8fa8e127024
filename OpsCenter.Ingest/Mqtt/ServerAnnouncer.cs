using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Tells the Server what was stored and which devices changed liveness, on its own MQTT connection and task.
/// On the consumer's connection a publish would wait for its PUBACK behind thousands of inbound messages, and the
/// pipeline would stall on it; announcing is not on the durability path, so it runs beside it.
/// </summary>
public sealed partial class ServerAnnouncer(IOptions<MqttConnectionOptions> mqttOptions, TimeProvider clock, ILogger<ServerAnnouncer> logger) : BackgroundService
{
    // A few batches: if the Server side falls behind, the oldest announcements give way rather than the memory — the
    // data itself is already stored, only a live count would miss them. Batches wait as JSON, not as reading objects:
    // serializing on the pipeline costs a little CPU there, but holding the objects cost ~50-100 MB of resident memory
    // at 50,000 devices (measured in bench/).
    private readonly Channel<MqttApplicationMessage> _stored = Channel.CreateBounded<MqttApplicationMessage>(
        new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });

    // Liveness changes are small and each one matters (a missed "offline" is a wrong wall): never dropped.
    private readonly Channel<DeviceLivenessChanged> _liveness = Channel.CreateUnbounded<DeviceLivenessChanged>();

    public void Stored(IReadOnlyList<StoredReading> stored)
    {
        foreach (var message in Messages(stored))
            _stored.Writer.TryWrite(message);
    }

    public void Liveness(IEnumerable<DeviceLivenessChanged> transitions)
    {
        foreach (var change in transitions)
        {
            LogTransition(change.DeviceId, change.State, change.Reason);
            _liveness.Writer.TryWrite(change);
        }
    }

    private static IEnumerable<MqttApplicationMessage> Messages(IReadOnlyList<StoredReading> stored) =>
        stored.GroupBy(r => r.Kind).Select(group => new MqttApplicationMessageBuilder().WithTopic(InternalTopics.Stored(group.Key))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new StoredBatch(group.ToList()), IngestionJsonContext.Default.StoredBatch))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    // Retained, so a Server that starts later learns every device's current state at once.
    private static MqttApplicationMessage Message(DeviceLivenessChanged change) =>
        new MqttApplicationMessageBuilder().WithTopic(InternalTopics.Liveness(change.DeviceId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(change, IngestionJsonContext.Default.DeviceLivenessChanged))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = mqttOptions.Value.ClientOptions("-announce").WithCleanStart(true).Build();

        while (await WaitForAnyAsync(stoppingToken))
        {
            // Liveness first: it is what the wall's availability figures rest on.
            while (_liveness.Reader.TryRead(out var change))
                await PublishAsync(client, options, Message(change), stoppingToken);
            if (_stored.Reader.TryRead(out var batch))
                await PublishAsync(client, options, batch, stoppingToken);
        }
    }

    private async Task<bool> WaitForAnyAsync(CancellationToken stoppingToken)
    {
        if (_liveness.Reader.Count > 0 || _stored.Reader.Count > 0)
            return true;
        try
        {
            await Task.WhenAny(_liveness.Reader.WaitToReadAsync(stoppingToken).AsTask(), _stored.Reader.WaitToReadAsync(stoppingToken).AsTask());
            return !stoppingToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PublishAsync(IMqttClient client, MqttClientOptions options, MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                    await client.ConnectAsync(options, stoppingToken);
                await client.PublishAsync(message, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPublishFailed(message.Topic, ex.Message);
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing {Topic} to the Server failed ({Error}); retrying")]
    private partial void LogPublishFailed(string topic, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId} is now {State} ({Reason})")]
    private partial void LogTransition(string deviceId, string state, string reason);
}

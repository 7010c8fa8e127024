using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Ingest.Liveness;

/// <summary>
/// After a restart, Ingest learns what it last announced about every device from its own retained liveness messages
/// on the broker, before it consumes any device message. Without this, the first message of each device would be
/// announced as a fresh "online" (resetting its since-when), and a device that went silent while Ingest was down would
/// never be declared offline because Ingest would not know it existed.
/// </summary>
public sealed partial class LivenessRecovery(
    LivenessTracker tracker, IOptions<MqttConnectionOptions> mqttOptions, TimeProvider clock, ILogger<LivenessRecovery> logger)
{
    /// <summary>Retained messages come right after the subscription is granted; this much quiet means all have come.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        var announced = new ConcurrentDictionary<string, DeviceLivenessChanged>(StringComparer.Ordinal);
        var lastArrival = clock.GetUtcNow();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lastArrival = clock.GetUtcNow();
            try
            {
                if (JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, IngestionJsonContext.Default.DeviceLivenessChanged) is { } change)
                    announced[change.DeviceId] = change;
            }
            catch (JsonException)
            {
                // Someone else's message on our topic: ignore it, the device's own traffic will tell.
            }
            return Task.CompletedTask;
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Limit);
            await client.ConnectAsync(mqttOptions.Value.ClientOptions("-recover").WithCleanStart(true).BuildWithSocketBuffers(), timeout.Token);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(InternalTopics.LivenessFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce))
                .Build(), timeout.Token);
            lastArrival = clock.GetUtcNow();
            while (clock.GetUtcNow() - lastArrival < Quiet)
                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, timeout.Token);
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The broker is not there yet: start empty; devices' own messages rebuild the table.
            LogUnavailable(ex.Message);
        }

        var restored = tracker.Restore(announced.Values, clock.GetUtcNow());
        LogRestored(restored);
        return restored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the liveness of {Count} devices from their retained announcements")]
    private partial void LogRestored(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the retained liveness announcements ({Error}); starting with an empty liveness table")]
    private partial void LogUnavailable(string error);
}

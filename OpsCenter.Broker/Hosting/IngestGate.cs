using MQTTnet.Protocol;
using MQTTnet.Server;
using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Broker.Hosting;

/// <summary>
/// After a broker start, devices are turned away (MQTT "server unavailable") until Ingest has subscribed to device
/// topics again. MQTTnet keeps persistent sessions in memory only, so a restarted broker no longer knows Ingest's
/// subscription: a device message accepted before Ingest is back would be acknowledged to the device and delivered to
/// nobody. Devices keep unacknowledged messages and retry (the contract asks them to store and forward), so waiting
/// loses nothing. The gate gives up after <see cref="BrokerOptions.HoldDevicesForIngestSeconds"/> so that a long
/// Ingest outage does not keep the fleet's status off the broker, and says so in the log.
/// </summary>
public sealed partial class IngestGate(MqttAccountRegistry registry, TimeProvider clock, TimeSpan hold, ILogger logger)
{
    private readonly DateTimeOffset _openAt = clock.GetUtcNow() + hold;
    private volatile bool _ingestSubscribed;

    public bool IsOpen => _ingestSubscribed || clock.GetUtcNow() >= _openAt;

    public void AttachTo(MqttServer server)
    {
        if (!registry.Required || hold <= TimeSpan.Zero)
        {
            // Without accounts the broker cannot tell Ingest from a device: nothing to gate on.
            _ingestSubscribed = true;
            return;
        }
        server.ClientSubscribedTopicAsync += e =>
        {
            if (!_ingestSubscribed && e.UserName == ServiceAccounts.Ingest && CoversDeviceTopics(e.TopicFilter.Topic))
            {
                _ingestSubscribed = true;
                LogOpened();
            }
            return Task.CompletedTask;
        };
        server.ValidatingConnectionAsync += e =>
        {
            if (IsOpen || e.ReasonCode != MqttConnectReasonCode.Success || registry.Find(e.UserName) is not { IsService: false })
                return Task.CompletedTask;
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            e.ReasonString = "waiting for the ingest service to resubscribe after a broker restart; retry shortly";
            return Task.CompletedTask;
        };
    }

    /// <summary><c>ops/v1/#</c>, or the same behind a shared-subscription group (<c>$share/ingest/ops/v1/#</c>).</summary>
    private static bool CoversDeviceTopics(string filter)
    {
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
            filter = filter[(filter.IndexOf('/', "$share/".Length) + 1)..];
        return filter.StartsWith(DeviceTopic.Prefix, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest has subscribed to device topics: devices may connect")]
    private partial void LogOpened();
}

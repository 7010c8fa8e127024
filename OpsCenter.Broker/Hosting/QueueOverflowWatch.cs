using System.Diagnostics.Metrics;
using MQTTnet.Server;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Broker.Hosting;

/// <summary>
/// Messages the broker dropped because a subscriber's queue was full (<see cref="BrokerOptions.MaxPendingMessagesPerClient"/>):
/// Ingest down or behind for longer than the queue covers. MQTTnet then drops the oldest queued message and says nothing;
/// here each drop is counted (<c>opscenter.broker.queued_dropped</c>), logged at most every half minute per episode, and
/// the broker's health turns degraded for ten minutes, naming the client and the setting.
/// </summary>
public sealed partial class QueueOverflowWatch : IDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecentFor = TimeSpan.FromMinutes(10);
    private readonly Meter _meter = new(OpsCenterMeters.Broker);
    private readonly Counter<long> _dropped;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private long _total;
    private long _unlogged;
    private string _lastClient = "";
    private DateTimeOffset _lastDrop;
    private DateTimeOffset _lastLog;

    public QueueOverflowWatch(TimeProvider clock, ILogger<QueueOverflowWatch> logger)
    {
        _clock = clock;
        _logger = logger;
        _dropped = _meter.CreateCounter<long>("opscenter.broker.queued_dropped", "{message}",
            "Queued messages dropped because a subscriber's queue reached Broker:MaxPendingMessagesPerClient");
    }

    public long Dropped
    {
        get
        {
            lock (_gate)
                return _total;
        }
    }

    public void AttachTo(MqttServer server) => server.QueuedApplicationMessageOverwrittenAsync += e =>
    {
        OnDropped(e.ReceiverClientId);
        return Task.CompletedTask;
    };

    internal void OnDropped(string clientId)
    {
        _dropped.Add(1);
        long toLog;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            _total++;
            _unlogged++;
            _lastClient = clientId;
            _lastDrop = now;
            if (now - _lastLog < LogInterval)
                return;
            (_lastLog, toLog, _unlogged) = (now, _unlogged, 0);
        }
        LogDropped(toLog, clientId);
    }

    /// <summary>What the health check reports while drops are recent; null when there were none for ten minutes.</summary>
    public string? RecentProblem
    {
        get
        {
            lock (_gate)
            {
                if (_total == 0 || _clock.GetUtcNow() - _lastDrop > RecentFor)
                    return null;
                return $"{_total} queued messages dropped since start, the last for '{_lastClient}' at {_lastDrop:O}: its queue was full " +
                    "(Broker:MaxPendingMessagesPerClient); bring the subscriber back or raise the setting";
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} queued messages for '{ClientId}': its queue is full (Broker:MaxPendingMessagesPerClient); the oldest are lost")]
    private partial void LogDropped(long count, string clientId);
}

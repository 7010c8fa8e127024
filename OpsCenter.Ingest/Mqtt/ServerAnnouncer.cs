using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Devices;
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
    // Up to MaxWaitingReadings wait, as JSON (~12 MB at most): if the Server side falls behind longer than that, the
    // oldest announcements give way rather than the memory — the data itself is already stored, only live figures miss
    // them, and the warning says so. Counted in readings, not batches: a bound of 16 batches was a third of a second of
    // traffic at 10,000 msg/s (batches are small then), and a stall that short dropped 4,600 readings in a bench run.
    // Batches wait as JSON, not as reading objects: holding the objects cost ~50-100 MB of resident memory at 50,000
    // devices (measured in bench/).
    private const int MaxWaitingReadings = 50_000;
    private readonly Channel<StoredAnnouncement> _stored = Channel.CreateUnbounded<StoredAnnouncement>();
    private int _waitingReadings;
    private DateTimeOffset _lastDropWarning = DateTimeOffset.MinValue;

    // Liveness changes are small and each one matters (a missed "offline" is a wrong wall): never dropped.
    private readonly Channel<DeviceLivenessChanged> _liveness = Channel.CreateUnbounded<DeviceLivenessChanged>();

    public void Stored(IReadOnlyList<StoredReading> stored)
    {
        foreach (var group in stored.GroupBy(r => r.Kind))
        {
            var announcement = Announcement(group.Key, [.. group]);
            _stored.Writer.TryWrite(announcement);
            Interlocked.Add(ref _waitingReadings, announcement.Readings);
        }
        var dropped = 0;
        while (Volatile.Read(ref _waitingReadings) > MaxWaitingReadings && TryTake(out var oldest))
        {
            dropped += oldest.Readings;
            oldest.Json.Dispose();
        }
        if (dropped > 0 && clock.GetUtcNow() - _lastDropWarning >= TimeSpan.FromSeconds(10))
        {
            _lastDropWarning = clock.GetUtcNow();
            LogAnnouncementsDropped(dropped, MaxWaitingReadings);
        }
    }

    /// <summary>Stored readings waiting to be announced (tests).</summary>
    internal int WaitingReadings => Volatile.Read(ref _waitingReadings);

    private bool TryTake(out StoredAnnouncement announcement)
    {
        if (!_stored.Reader.TryRead(out announcement!))
            return false;
        Interlocked.Add(ref _waitingReadings, -announcement.Readings);
        return true;
    }

    public void Liveness(IEnumerable<DeviceLivenessChanged> transitions)
    {
        foreach (var change in transitions)
        {
            LogTransition(change.DeviceId, change.State, change.Reason);
            _liveness.Writer.TryWrite(change);
        }
    }

    /// <summary>
    /// A batch's announcement, written once straight into a pooled buffer (no intermediate array, no copy): the MQTT
    /// message points at that buffer, which goes back to the pool once published (or dropped).
    /// </summary>
    private static StoredAnnouncement Announcement(DeviceKind kind, List<StoredReading> readings)
    {
        var json = new PooledBuffer(readings.Count * 320);
        StoredBatchWriter.Write(json, readings);
        var message = new MqttApplicationMessageBuilder().WithTopic(InternalTopics.Stored(kind))
            .WithPayload(new ReadOnlySequence<byte>(json.Written))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return new StoredAnnouncement(message, json, readings.Count);
    }

    private sealed record StoredAnnouncement(MqttApplicationMessage Message, PooledBuffer Json, int Readings);

    // Retained, so a Server that starts later learns every device's current state at once.
    private static MqttApplicationMessage Message(DeviceLivenessChanged change) =>
        new MqttApplicationMessageBuilder().WithTopic(InternalTopics.Liveness(change.DeviceId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(change, IngestionJsonContext.Default.DeviceLivenessChanged))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();

    /// <summary>How often a serving Ingest says so; the Server counts an Ingest gone after three missed beats.</summary>
    public static readonly TimeSpan PresenceHeartbeat = ServicePresence.Heartbeat;

    private volatile bool _caughtUp;

    private string Instance => mqttOptions.Value.ClientId;

    /// <summary>The consumer has processed what was waiting for it: screens may trust the figures again.</summary>
    public void CaughtUp() => _caughtUp = true;

    /// <summary>The consumer (re)subscribed and a backlog may be on its way: not serving current figures yet.</summary>
    public void Behind() => _caughtUp = false;

    /// <summary>
    /// Caught up, and every liveness change queued before that already published: the consumer queues a batch's changes
    /// before it says it caught up, so reading the flag first and then the queue never misses them. Checked at the
    /// moment of publishing "online": changes queued while a window of stored batches went out had let a restarted
    /// Ingest's "online" reach the wall before them, which showed the count from before the restart as live (fault suite).
    /// </summary>
    private bool ServingWithNothingPending() => _caughtUp && _liveness.Reader.Count == 0;

    /// <summary>
    /// This instance's presence, retained. The Last Will carries <c>offline</c> on the same topic, so a killed Ingest is
    /// known to the Server at once and the wall says its data is stale instead of showing it as live.
    /// </summary>
    private MqttApplicationMessage Presence(string state) =>
        new MqttApplicationMessageBuilder().WithTopic(InternalTopics.Presence(InternalTopics.IngestService, Instance))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new ServicePresence
            {
                Service = InternalTopics.IngestService, Instance = Instance, State = state, At = clock.GetUtcNow(),
            }, IngestionJsonContext.Default.ServicePresence))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var will = Presence(ServicePresence.Offline);
        var options = mqttOptions.Value.ClientOptions("-announce").WithCleanStart(true)
            .WithWillTopic(will.Topic).WithWillPayload(will.Payload.ToArray()).WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).BuildWithSocketBuffers();

        var lastOnline = DateTimeOffset.MinValue;
        var window = new List<MqttApplicationMessage>(InFlight);
        var windowDevices = new HashSet<string>(StringComparer.Ordinal);
        var stored = new List<StoredAnnouncement>(InFlight);
        while (await WaitForAnyAsync(stoppingToken))
        {
            // Connected eagerly (not only when there is news), so the Last Will stands for this instance at all times.
            // Until the consumer has caught up, the truthful presence is "not serving yet".
            if (!client.IsConnected)
            {
                var serving = ServingWithNothingPending();
                await PublishAsync(client, options, Presence(serving ? ServicePresence.Online : ServicePresence.Offline), stoppingToken);
                lastOnline = serving ? clock.GetUtcNow() : DateTimeOffset.MinValue;
            }
            // Liveness first: it is what the wall's availability figures rest on.
            while (TakeLivenessWindow(window, windowDevices) > 0)
                await PublishTogetherAsync(client, options, window, stoppingToken);
            while (stored.Count < InFlight && TryTake(out var batch))
            {
                stored.Add(batch);
                window.Add(batch.Message);
            }
            if (window.Count > 0)
            {
                try
                {
                    await PublishTogetherAsync(client, options, window, stoppingToken);
                }
                finally
                {
                    // Sent (each is retried until it is) or Ingest is stopping: the pooled JSON goes back.
                    foreach (var published in stored)
                        published.Json.Dispose();
                    stored.Clear();
                }
            }
            // After the transitions it caused, so a screen that sees "online" already has them; then as a heartbeat,
            // so that a hung Ingest (alive, not working) also turns the screens stale.
            if (clock.GetUtcNow() - lastOnline >= PresenceHeartbeat && ServingWithNothingPending())
            {
                await PublishAsync(client, options, Presence(ServicePresence.Online), stoppingToken);
                lastOnline = clock.GetUtcNow();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A clean stop says so; the Last Will is only for a crash.
        await AnnounceGoneAsync(cancellationToken);
    }

    private async Task AnnounceGoneAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(mqttOptions.Value.ClientOptions("-announce-stop").WithCleanStart(true).BuildWithSocketBuffers(), timeout.Token);
            await client.PublishAsync(Presence(ServicePresence.Offline), timeout.Token);
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPublishFailed(InternalTopics.Presence(InternalTopics.IngestService, Instance), ex.Message);
        }
    }

    /// <summary>True when there is news, or every 2 s anyway so that a lost connection is re-made without news.</summary>
    private async Task<bool> WaitForAnyAsync(CancellationToken stoppingToken)
    {
        if (_liveness.Reader.Count > 0 || _stored.Reader.Count > 0)
            return true;
        try
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(TimeSpan.FromSeconds(2));
            var news = Task.WhenAny(_liveness.Reader.WaitToReadAsync(tick.Token).AsTask(), _stored.Reader.WaitToReadAsync(tick.Token).AsTask());
            await Task.WhenAny(news, Task.Delay(Timeout.Infinite, tick.Token));
            return !stoppingToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return !stoppingToken.IsCancellationRequested;
        }
    }

    /// <summary>
    /// How many announcements are published before waiting for their acknowledgements. One at a time, each waited a
    /// round trip through the broker: on a busy machine the announcer fell behind the pipeline, its queue filled and a
    /// stored reading reached the Server ~0.5 s late (measured in bench/ latency).
    /// </summary>
    private const int InFlight = 16;

    /// <summary>
    /// Up to <see cref="InFlight"/> liveness changes, at most one per device: MQTTnet sends in the order published, but
    /// a device's two changes are kept in separate windows anyway, since the last one is the retained state.
    /// </summary>
    private int TakeLivenessWindow(List<MqttApplicationMessage> window, HashSet<string> devices)
    {
        window.Clear();
        devices.Clear();
        while (window.Count < InFlight && _liveness.Reader.TryPeek(out var next) && devices.Add(next.DeviceId) && _liveness.Reader.TryRead(out var change))
            window.Add(Message(change));
        return window.Count;
    }

    /// <summary>Publishes the window's messages in order without waiting for each one's acknowledgement, then waits for all.</summary>
    private async Task PublishTogetherAsync(IMqttClient client, MqttClientOptions options, List<MqttApplicationMessage> window, CancellationToken stoppingToken)
    {
        var first = 0;
        if (!client.IsConnected)
            await PublishAsync(client, options, window[first++], stoppingToken); // the one that (re)connects, with back-off
        var started = clock.GetTimestamp();
        var sends = new Task[window.Count - first];
        for (var i = first; i < window.Count; i++)
            sends[i - first] = PublishOnceAsync(client, options, window[i], stoppingToken);
        await Task.WhenAll(sends);
        LogWindow(window.Count, clock.GetElapsedTime(started).TotalMilliseconds, _stored.Reader.Count);
        window.Clear();
    }

    private async Task PublishOnceAsync(IMqttClient client, MqttClientOptions options, MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await client.PublishAsync(message, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The connection dropped under this window: this one is sent again on its own, reconnecting first.
            await PublishAsync(client, options, message, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Server's announcements are behind: {Dropped} stored readings were not announced (more than {Limit} waiting); they are stored, but live figures miss them")]
    private partial void LogAnnouncementsDropped(int dropped, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing {Topic} to the Server failed ({Error}); retrying")]
    private partial void LogPublishFailed(string topic, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Announced {Count} messages in {Ms:0.0} ms; {Waiting} stored batches waiting")]
    private partial void LogWindow(int count, double ms, int waiting);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId} is now {State} ({Reason})")]
    private partial void LogTransition(string deviceId, string state, string reason);
}

using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.EndToEnd.Tests.Faults;

/// <summary>
/// Cameras publishing telemetry at a steady rate (QoS 1, +1 seq per message) that keep what they measured while the
/// broker is away and send it once they are back: a message leaves a camera's outbox only when the broker acknowledged
/// it. Every message ever produced is remembered, so a test can demand that each one is stored exactly once.
/// </summary>
public sealed class SteadyFleet : IAsyncDisposable
{
    private readonly List<FleetCamera> _cameras;
    private readonly CancellationTokenSource _stop = new();
    // Two timelines of the online count: as the cameras mean it (changes when a camera decides) and as the broker has
    // heard it (changes when the broker acknowledges the status). While a status is in flight, both values are true.
    private readonly List<(DateTimeOffset At, int Online)> _intended = [];
    private readonly List<(DateTimeOffset At, int Online)> _acknowledged = [];
    private readonly Lock _historyGate = new();
    private Task? _clock;
    private Task[] _senders = [];

    public SteadyFleet(int brokerPort, IEnumerable<(string Id, string Secret)> cameras, TimeSpan period)
    {
        _cameras = cameras.Select(c => new FleetCamera(c.Id, c.Secret, brokerPort, OnAcknowledgedStatus)).ToList();
        Period = period;
    }

    public TimeSpan Period { get; }

    public IReadOnlyList<FleetCamera> Cameras => _cameras;

    /// <summary>Cameras whose latest status the broker has acknowledged as online: what the system has been told.</summary>
    public int AcknowledgedOnline => _cameras.Count(c => c.AcknowledgedOnline);

    /// <summary>Cameras that consider themselves online, whether or not they could say so yet.</summary>
    public int IntendedOnline => _cameras.Count(c => c.IntendedOnline);

    public async Task StartAsync()
    {
        await Task.WhenAll(_cameras.Select(c => c.ConnectAsync(_stop.Token)));
        lock (_historyGate)
        {
            _acknowledged.Add((DateTimeOffset.UtcNow, 0));
            foreach (var camera in _cameras)
                camera.SetOnline(true);
            _intended.Add((DateTimeOffset.UtcNow, IntendedOnline));
        }
        _senders = _cameras.Select(c => Task.Run(() => c.SendLoopAsync(_stop.Token))).ToArray();
        _clock = Task.Run(ClockAsync);
    }

    /// <summary>Every online count the fleet stood at, intended or acknowledged, at some moment between the two times.</summary>
    public HashSet<int> CountsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_historyGate)
            return [.. InForce(_intended, from, to), .. InForce(_acknowledged, from, to)];
    }

    private static IEnumerable<int> InForce(List<(DateTimeOffset At, int Online)> timeline, DateTimeOffset from, DateTimeOffset to)
    {
        for (var i = timeline.Count - 1; i >= 0; i--)
        {
            if (timeline[i].At > to)
                continue;
            yield return timeline[i].Online;
            if (timeline[i].At <= from)
                yield break; // the count already in force when the window opened
        }
    }

    /// <summary>Turns one camera off (retained status 'offline', then silence) or back on.</summary>
    public void Switch(FleetCamera camera, bool online)
    {
        lock (_historyGate)
        {
            camera.SetOnline(online);
            _intended.Add((DateTimeOffset.UtcNow, IntendedOnline));
        }
    }

    public bool OutboxesEmpty => _cameras.All(c => c.Pending == 0);

    private void OnAcknowledgedStatus()
    {
        lock (_historyGate)
            _acknowledged.Add((DateTimeOffset.UtcNow, AcknowledgedOnline));
    }

    private async Task ClockAsync()
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var camera in _cameras)
                    camera.Measure();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_clock is not null)
            await _clock;
        await Task.WhenAll(_senders);
        foreach (var camera in _cameras)
            await camera.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>One camera of <see cref="SteadyFleet"/>: its own MQTT connection, secret, seq counter and outbox.</summary>
public sealed class FleetCamera(string id, string secret, int brokerPort, Action onAcknowledgedStatus) : IAsyncDisposable
{
    private sealed record Outgoing(long Seq, string Topic, string Payload, bool Retain, bool? Online);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Queue<Outgoing> _outbox = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly Lock _gate = new();
    private readonly List<long> _telemetry = [];
    private readonly List<long> _status = [];
    private readonly Dictionary<long, DateTimeOffset> _acknowledgedAt = [];
    private long _nextSeq;
    private bool _acknowledgedOnline;

    public string Id { get; } = id;

    public bool IntendedOnline { get; private set; }

    public bool AcknowledgedOnline => Volatile.Read(ref _acknowledgedOnline);

    public int Pending
    {
        get
        {
            lock (_gate)
                return _outbox.Count;
        }
    }

    public long Reconnects { get; private set; }

    /// <summary>The seq the next message will carry.</summary>
    public long NextSeq
    {
        get
        {
            lock (_gate)
                return _nextSeq;
        }
    }

    /// <summary>Every message with a seq below this has been acknowledged by the broker (the outbox is sent in order).</summary>
    public long AcknowledgedBelow
    {
        get
        {
            lock (_gate)
                return _outbox.Count > 0 ? _outbox.Peek().Seq : _nextSeq;
        }
    }

    /// <summary>Seqs of the telemetry (camera_telemetry) and status (device_status) messages produced so far.</summary>
    public (long[] Telemetry, long[] Status) Produced()
    {
        lock (_gate)
            return ([.. _telemetry], [.. _status]);
    }

    /// <summary>When the broker acknowledged a message (for telling which part of an outage lost it).</summary>
    public DateTimeOffset? AcknowledgedAt(long seq)
    {
        lock (_gate)
            return _acknowledgedAt.TryGetValue(seq, out var at) ? at : null;
    }

    internal Task ConnectAsync(CancellationToken cancellationToken) =>
        _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).WithClientId(Id)
            .WithCredentials(Id, secret).WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(5)).Build(), cancellationToken);

    internal void SetOnline(bool online)
    {
        lock (_gate)
        {
            IntendedOnline = online;
            var seq = _nextSeq++;
            _status.Add(seq);
            _outbox.Enqueue(new Outgoing(seq, DeviceTopic.For(DeviceKind.Camera, Id, DeviceChannel.Status),
                $$"""{"deviceId":"{{Id}}","ts":"{{Now()}}","seq":{{seq}},"state":"{{(online ? "online" : "offline")}}"}""", true, online));
        }
        _work.Release();
    }

    /// <summary>One telemetry reading, if the camera is on.</summary>
    internal void Measure()
    {
        lock (_gate)
        {
            if (!IntendedOnline)
                return;
            var seq = _nextSeq++;
            _telemetry.Add(seq);
            _outbox.Enqueue(new Outgoing(seq, DeviceTopic.For(DeviceKind.Camera, Id, DeviceChannel.Telemetry),
                $$"""{"deviceId":"{{Id}}","ts":"{{Now()}}","seq":{{seq}},"online":true,"fps":25,"bitrateKbps":{{2000 + (seq % 100)}},"recording":true}""", false, null));
        }
        _work.Release();
    }

    internal async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _work.WaitAsync(cancellationToken);
                Outgoing? next;
                lock (_gate)
                    next = _outbox.Count > 0 ? _outbox.Peek() : null;
                if (next is null)
                    continue;
                if (await TryPublishAsync(next, cancellationToken))
                {
                    lock (_gate)
                    {
                        _outbox.Dequeue();
                        _acknowledgedAt[next.Seq] = DateTimeOffset.UtcNow;
                    }
                    if (next.Online is { } online)
                    {
                        Volatile.Write(ref _acknowledgedOnline, online);
                        onAcknowledgedStatus();
                    }
                }
                else
                {
                    _work.Release(); // the same message again, once connected
                    await ReconnectAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> TryPublishAsync(Outgoing message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
            return false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(message.Topic)
                .WithPayload(message.Payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(message.Retain).Build(), timeout.Token);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <summary>Tries again every quarter second, as long as it takes: a camera never gives up.</summary>
    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        while (!_client.IsConnected)
        {
            try
            {
                await ConnectAsync(cancellationToken);
                Reconnects++;
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException
                                       or OperationCanceledException or InvalidOperationException)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Broker already gone: nothing to say goodbye to.
            }
        }
        _client.Dispose();
        _work.Dispose();
    }
}

using System.Globalization;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Live;

/// <summary>One status change the probe published: its state and when (Unix ms, this machine's clock).</summary>
public sealed record ProbeTrial(int Index, string State, double PublishedAtMs);

/// <summary>
/// A device of the city, signed in as itself, that flips its retained status between online and degraded
/// (docs/device-contract.md). Each flip is a liveness change Ingest announces and the city view carries as
/// <c>device.{id}.state</c> and <c>.since</c>; the load generator never speaks for this device, so nothing else moves them.
/// </summary>
public sealed class StatusProbe : IAsyncDisposable
{
    private readonly DevicePublisher _publisher;
    private readonly string _topic;
    private long _seq;
    private string _state = "online";

    private StatusProbe(DevicePublisher publisher, string kind, string deviceId)
    {
        _publisher = publisher;
        _topic = $"ops/v1/{kind}/{deviceId}/status";
        DeviceId = deviceId;
    }

    public string DeviceId { get; }

    public static async Task<StatusProbe> ConnectAsync(WholeSystem rig, string deviceId)
    {
        var kind = rig.City.Devices.Single(d => d.Id == deviceId).Kind;
        var publisher = await DevicePublisher.ConnectAsync(rig.BrokerPort, deviceId, deviceId, rig.DeviceSecret(deviceId));
        return new StatusProbe(publisher, kind, deviceId);
    }

    /// <summary>Publishes one status (QoS 1, retained) and returns when it was handed to the client.</summary>
    public async Task<double> PublishAsync(string state)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"deviceId\":\"{DeviceId}\",\"ts\":\"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"seq\":{++_seq},\"state\":\"{state}\"}}");
        await _publisher.PublishAsync(_topic, payload, retain: true);
        return now.ToUnixTimeMilliseconds() + (now.Ticks % TimeSpan.TicksPerMillisecond / (double)TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Announces the probe online, the state every run of flips starts from.</summary>
    public async Task StartOnlineAsync()
    {
        _state = "online";
        await PublishAsync(_state);
    }

    /// <summary>
    /// <paramref name="count"/> flips, <paramref name="spacing"/> apart (more than the views' 100 ms coalescing, so each
    /// flip is its own frame), each to the state opposite to the last one.
    /// </summary>
    public async Task<IReadOnlyList<ProbeTrial>> FlipAsync(int count, TimeSpan spacing)
    {
        var trials = new List<ProbeTrial>(count);
        using var pace = new PeriodicTimer(spacing);
        for (var i = 0; i < count; i++)
        {
            _state = _state == "online" ? "degraded" : "online";
            trials.Add(new ProbeTrial(i, _state, await PublishAsync(_state)));
            await pace.WaitForNextTickAsync();
        }
        return trials;
    }

    public ValueTask DisposeAsync() => _publisher.DisposeAsync();
}

using System.Globalization;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// A field device as the simulator sees it: its own random stream, sequence counter and clock skew.
/// Subclasses decide what the device measures; this class turns that into wire messages.
/// Message generation depends only on (seed, record, the times it is ticked at), never on wall time.
/// </summary>
internal abstract class SimulatedDevice
{
    private long _nextSeq;
    private readonly TimeSpan _clockSkew;

    protected SimulatedDevice(DeviceRecord record, DeviceKind kind, DeviceSimulationSettings settings)
    {
        Record = record;
        Kind = kind;
        Settings = settings;
        Random = DeterministicSeed.RandomFor(settings.Seed, record.Id);
        _clockSkew = settings.ClockSkewSeconds > 0
            ? TimeSpan.FromSeconds(Math.Round(Random.Between(-settings.ClockSkewSeconds, settings.ClockSkewSeconds), 1))
            : TimeSpan.Zero;
        Interval = TimeSpan.FromSeconds(Math.Clamp(record.ReportingIntervalSeconds, 1, 3600));
    }

    public DeviceRecord Record { get; }
    public DeviceKind Kind { get; }
    public string Id => Record.Id;
    public TimeSpan Interval { get; }
    public DateTimeOffset LastTickAt { get; private set; } = DateTimeOffset.MinValue;
    protected Random Random { get; }
    protected DeviceSimulationSettings Settings { get; }
    protected CityTime CityTime => Settings.CityTime;

    protected abstract string FirmwareVersion { get; }

    /// <summary>The messages the device sends for the period ending at <paramref name="at"/>.</summary>
    public IReadOnlyList<OutboundMessage> Tick(DateTimeOffset at)
    {
        var from = LastTickAt == DateTimeOffset.MinValue ? at - Interval : LastTickAt;
        LastTickAt = at;
        return Measure(from, at).Select(Emit).ToList();
    }

    /// <summary>What happened in (from, to]: events stamped when they happened, then telemetry at <paramref name="to"/>.</summary>
    protected abstract IEnumerable<(DeviceChannel Channel, DeviceMessage Message)> Measure(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Composed at connect time: the Last Will takes a sequence number set aside now.</summary>
    public ConnectMessages ComposeConnect(DateTimeOffset at)
    {
        var will = Emit((DeviceChannel.Status, Status(at, DeviceState.Offline)));
        var online = Emit((DeviceChannel.Status, Status(at, DeviceState.Online)));
        return new ConnectMessages(will, online);
    }

    /// <summary>A clean goodbye: retained offline status before a graceful disconnect.</summary>
    public OutboundMessage ComposeOffline(DateTimeOffset at) => Emit((DeviceChannel.Status, Status(at, DeviceState.Offline)));

    /// <summary>A reboot restarts the sequence at 0, as the contract says real devices do.</summary>
    public ConnectMessages Reboot(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _nextSeq, 0);
        return ComposeConnect(at);
    }

    /// <summary>Draws from the device's own stream, so decisions about it stay reproducible.</summary>
    public bool Roll(double probability) => Random.Chance(probability);

    protected StatusMessage Status(DateTimeOffset at, DeviceState state) => new()
    {
        DeviceId = Id,
        Ts = at,
        Seq = 0,
        State = state,
        FirmwareVersion = FirmwareVersion,
        IpAddress = DeviceAddress(),
        Rssi = Kind == DeviceKind.Traffic ? -55 - (DeterministicSeed.For(Settings.Seed, Id + "rssi") & 0x1F) : null,
    };

    /// <summary>Assigns the next sequence number, applies clock skew and serialises with the contract's settings.</summary>
    public OutboundMessage Emit((DeviceChannel Channel, DeviceMessage Message) item)
    {
        var seq = Interlocked.Increment(ref _nextSeq) - 1;
        var stamped = item.Message with { Seq = seq, Ts = WireTime(item.Message.Ts) };
        var payload = JsonSerializer.SerializeToUtf8Bytes(stamped, stamped.GetType(), DeviceJson.Options);
        var retain = item.Channel == DeviceChannel.Status;
        return new OutboundMessage(DeviceTopic.For(Kind, Id, item.Channel), payload, retain);
    }

    /// <summary>Local offset and whole milliseconds, like a device clock with skew would report.</summary>
    private DateTimeOffset WireTime(DateTimeOffset at)
    {
        var local = CityTime.ToLocal(at + _clockSkew);
        return local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private string DeviceAddress()
    {
        var n = DeterministicSeed.For(Settings.Seed, Id + "ip") & 0xFFFF;
        return string.Create(CultureInfo.InvariantCulture, $"10.20.{n >> 8}.{Math.Max(1, n & 0xFF)}");
    }
}

/// <summary>Run-wide settings every simulated device shares.</summary>
/// <param name="SnapshotBaseUrl">Where camera events' snapshots are served (the fleet's snapshot server); null: a fictitious NVR.</param>
internal sealed record DeviceSimulationSettings(int Seed, CityTime CityTime, double ClockSkewSeconds = 0, bool Reboots = true, string? SnapshotBaseUrl = null);

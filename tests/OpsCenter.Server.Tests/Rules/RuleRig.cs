using Microsoft.Extensions.Logging.Abstractions;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Rules;
using OpsCenter.Server.Tests.Kpis;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>
/// A rule engine on the test city with a clock the test moves. <see cref="Drain"/> does synchronously what
/// <see cref="RuleEffectsWriter"/> does in the app: incidents to a recording sink, states to a table (here a dictionary).
/// </summary>
public sealed class RuleRig
{
    public static readonly DateTimeOffset Start = KpiTestCity.At(12, 1, 8, 0);

    private long _seq;

    public RuleRig(params RuleDefinition[] rules)
    {
        Clock = new ManualClock(Start);
        Engine = new RuleEngine(Effects, new DeviceDirectory(KpiTestCity.Create()), Clock, NullLogger<RuleEngine>.Instance);
        Engine.Load(rules, []);
    }

    public ManualClock Clock { get; }
    public RuleEffects Effects { get; } = new();
    public RuleEngine Engine { get; }
    public RecordingIncidentSink Sink { get; } = new();
    public Dictionary<(string, string), RuleState> Table { get; } = [];

    public void Drain()
    {
        foreach (var effect in Effects.TakeAll())
        {
            switch (effect)
            {
                case RaiseEffect raise: Sink.RaiseAsync(raise.Signal, default); break;
                case ClearEffect clear: Sink.ClearAsync(clear.Clear, default); break;
                case StateSaved saved: Table[(saved.State.RuleId, saved.State.SourceId)] = saved.State; break;
                case StateForgotten gone: Table.Remove((gone.RuleId, gone.SourceId)); break;
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="at"/> and feeds a reading stamped then, as it arrives live.</summary>
    public void Speed(string detector, double kmh, DateTimeOffset at, int lane = 1)
    {
        Clock.Now = at;
        Feed(KpiTestCity.Traffic(detector, lane, kmh, 0.5, 10, 30, at));
    }

    public void Feed(StoredReading reading, bool live = true)
    {
        Engine.OnReading(reading, live);
        Drain();
    }

    public void Tick(DateTimeOffset now)
    {
        Clock.Now = now;
        Engine.Tick();
        Drain();
    }

    public void Liveness(string device, string kind, string state, DateTimeOffset at)
    {
        Engine.OnLiveness(new DeviceLivenessChanged { DeviceId = device, Kind = kind, State = state, At = at, Reason = LivenessReasons.Status });
        Drain();
    }

    public StoredReading CameraEvent(string camera, string type, string severity, DateTimeOffset at) => new()
    {
        DeviceId = camera, Kind = DeviceKind.Camera, Channel = DeviceChannel.Event, EventType = type, Ts = at, Seq = ++_seq,
        Texts = new() { ["severity"] = severity, ["snapshotUrl"] = "https://cam.example/s.jpg" },
    };

    public static ThresholdRule Congestion(int? forSeconds = 300, int? inARow = null, double clearValue = 15, int hold = 120) => new()
    {
        Id = "congestion", Name = "Congestion", Severity = "major", Category = "traffic", IncidentType = "congestion",
        DeviceKind = "traffic", Field = "averageVehicleSpeed", Comparison = "<", Value = 10, ForSeconds = forSeconds,
        ReadingsInARow = inARow, ClearValue = clearValue, HoldBeforeClearSeconds = hold,
    };
}

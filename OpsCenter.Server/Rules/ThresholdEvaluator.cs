using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Judges a device's value against a <see cref="ThresholdRule"/> on each telemetry reading. A detector's lanes report
/// separately; the device's value is the mean of its lanes' newest values (the segment's speed, as the KPIs take it).
/// Durations run on the readings' own <c>ts</c>, so a burst of late readings proves only the time they span.
/// </summary>
public sealed class ThresholdEvaluator(ThresholdRule rule, RuleEffects effects, DeviceDirectory devices)
    : RuleEvaluator(rule, effects, devices)
{
    private readonly DeviceKind _kind = DeviceKindNames.TryParse(rule.DeviceKind, out var kind) ? kind : default;
    private readonly Dictionary<string, LaneValues> _lanes = new(StringComparer.Ordinal);
    private Func<RuleState, bool>? _heldLongEnough;

    public override void OnReading(StoredReading reading)
    {
        if (reading.Kind != _kind || reading.Channel != DeviceChannel.Telemetry || !reading.TryGetNumber(rule.Field, out var laneValue))
            return;
        var area = Devices.AreaOf(reading.DeviceId);
        if (!rule.Scope.Covers(reading.DeviceId, area))
            return;

        if (!_lanes.TryGetValue(reading.DeviceId, out var lanes))
            _lanes[reading.DeviceId] = lanes = new LaneValues();
        if (reading.Ts < lanes.NewestTs)
            return;
        lanes.NewestTs = reading.Ts;
        lanes.Values[reading.Traffic?.Lane ?? 1] = laneValue;
        var value = lanes.Values.Values.Average();

        var (next, transition) = HeldCondition.Step(StateOf(reading.DeviceId), rule.Id, reading.DeviceId, reading.Ts,
            rule.Breaches(value), rule.Clears(value), _heldLongEnough ??= HeldLongEnough,
            TimeSpan.FromSeconds(rule.HoldBeforeClearSeconds), TimeSpan.FromSeconds(rule.MaxGapSeconds));
        if (next is null)
            Forget(reading.DeviceId);
        else
            Put(next);

        if (transition == HeldTransition.Raise)
        {
            var summary = $"{rule.Name}: {Devices.NameOf(reading.DeviceId)} {rule.Field} {Format(value)} {rule.Comparison} {Format(rule.Value)}";
            Raise(reading.DeviceId, rule.IncidentType!, rule.Severity, area, reading.Ts, summary,
                new Dictionary<string, string> { [rule.Field] = Format(value), ["since"] = next!.ConditionSince!.Value.ToString("O", CultureInfo.InvariantCulture) });
        }
        else if (transition == HeldTransition.Clear)
        {
            ClearIncident(reading.DeviceId, rule.IncidentType!, reading.Ts);
        }
    }

    // Cached: a method group would allocate a delegate on every reading.
    private bool HeldLongEnough(RuleState state) => rule.ForSeconds is { } seconds
        ? state.UpdatedAt - state.ConditionSince!.Value >= TimeSpan.FromSeconds(seconds)
        : state.ReadingsInARow >= rule.ReadingsInARow;

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed class LaneValues
    {
        public DateTimeOffset NewestTs = DateTimeOffset.MinValue;
        public readonly Dictionary<long, double> Values = [];
    }
}

using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Rules;

/// <summary>Raises every matching camera event at once; the incidents feature counts repeats as occurrences.</summary>
public sealed class CameraEventEvaluator(CameraEventRule rule, RuleEffects effects, DeviceDirectory devices) : RuleEvaluator(rule, effects, devices)
{
    public override void OnReading(StoredReading reading)
    {
        if (reading.Kind != DeviceKind.Camera || reading.Channel != DeviceChannel.Event || reading.EventType is not { } type
            || !rule.Events.TryGetValue(type, out var severity))
            return;
        var reported = reading.Texts.GetValueOrDefault(CameraEventFields.Severity);
        var area = Devices.AreaOf(reading.DeviceId);
        if (!rule.Accepts(reported) || !rule.Scope.Covers(reading.DeviceId, area))
            return;
        var camera = reading.CameraEvent!.Value;
        var detail = new Dictionary<string, string> { ["reportedSeverity"] = reported ?? "" };
        if (camera.ObjectCount is { } objects)
            detail["objectCount"] = objects.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Raise(reading.DeviceId, type, severity, area, reading.Ts, $"{rule.Name}: {type} at {Devices.NameOf(reading.DeviceId)}", detail, camera.SnapshotUrl);
    }
}

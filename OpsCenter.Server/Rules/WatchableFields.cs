using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Server.Rules;

/// <summary>The contract's device kinds and the numeric telemetry fields a threshold rule may watch on each.</summary>
internal static class WatchableFields
{
    public static readonly IReadOnlyDictionary<DeviceKind, IReadOnlyList<string>> ByKind = new Dictionary<DeviceKind, IReadOnlyList<string>>
    {
        [DeviceKind.Traffic] =
        [
            TrafficTelemetryFields.AverageVehicleSpeed, TrafficTelemetryFields.Occupancy, TrafficTelemetryFields.Intensity,
            TrafficTelemetryFields.PeriodSeconds,
        ],
        [DeviceKind.Camera] =
        [
            CameraTelemetryFields.Fps, CameraTelemetryFields.BitrateKbps, CameraTelemetryFields.StorageFreePct,
            CameraTelemetryFields.PeopleCount, CameraTelemetryFields.VehicleCount,
        ],
        [DeviceKind.Counter] = [CounterTelemetryFields.Waiting, CounterTelemetryFields.CountersOpen],
    };

    public static bool TryParseKind(string? wire, RuleErrors errors, out DeviceKind kind)
    {
        if (wire is not null && DeviceKindNames.TryParse(wire, out kind))
            return true;
        errors.Add("deviceKind", "must be one of camera, traffic, counter");
        kind = default;
        return false;
    }
}

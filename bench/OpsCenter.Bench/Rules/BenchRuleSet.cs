using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Server.Rules;

namespace OpsCenter.Bench.Rules;

/// <summary>
/// 200 rules as a city would write them: most are thresholds scoped to one area (several per area and device kind),
/// a few watch a single device, and every area has its offline, camera-event and office-backlog rule.
/// </summary>
internal static class BenchRuleSet
{
    public static IReadOnlyList<RuleDefinition> Create()
    {
        var rules = new List<RuleDefinition>();
        for (var a = 0; a < BenchCity.Areas; a++)
        {
            var area = new RuleScope(AreaId: BenchCity.AreaId(a));
            rules.Add(Threshold($"congestion-{a}", "traffic", TrafficTelemetryFields.AverageVehicleSpeed, "<", 10, area, forSeconds: 60));
            rules.Add(Threshold($"occupancy-{a}", "traffic", TrafficTelemetryFields.Occupancy, ">", 0.9, area, inARow: 3));
            rules.Add(Threshold($"surge-{a}", "traffic", TrafficTelemetryFields.Intensity, ">", 55, area, inARow: 2));
            rules.Add(Threshold($"fps-{a}", "camera", CameraTelemetryFields.Fps, "<", 8, area, forSeconds: 30));
            rules.Add(Threshold($"storage-{a}", "camera", CameraTelemetryFields.StorageFreePct, "<", 5, area, inARow: 1));
            rules.Add(Threshold($"queue-{a}", "counter", CounterTelemetryFields.Waiting, ">", 35, area, forSeconds: 120));
            rules.Add(Threshold($"device-{a}", "traffic", TrafficTelemetryFields.AverageVehicleSpeed, "<", 5,
                new RuleScope(DeviceId: BenchCity.DeviceId(a * 7)), inARow: 1));
            rules.Add(new OfflineRule
            {
                Id = $"offline-{a}", Name = $"Offline {a}", Severity = "major", Category = "device", IncidentType = "deviceOffline",
                DeviceKind = "camera", Seconds = 120, Scope = area,
            });
            rules.Add(new CameraEventRule
            {
                Id = $"camera-{a}", Name = $"Camera events {a}", Severity = "major", Category = "camera", Scope = area,
                Events = new() { [CameraEventTypes.Tamper] = "major", [CameraEventTypes.Fire] = "critical", [CameraEventTypes.Accident] = "critical" },
                MinimumReportedSeverity = Severities.Major,
            });
            rules.Add(new OfficeBacklogRule
            {
                Id = $"backlog-{a}", Name = $"Backlog {a}", Severity = "minor", Category = "office", IncidentType = "backlog",
                MaxWaiting = 30, OverLastReadings = 3, HoldBeforeClearSeconds = 60, Scope = area,
            });
        }
        foreach (var rule in rules)
        {
            if (rule.Validate() is { Count: > 0 } errors)
                throw new InvalidOperationException($"Bench rule {rule.Id} is invalid: {string.Join("; ", errors.Keys)}");
        }
        return rules;
    }

    private static ThresholdRule Threshold(string id, string kind, string field, string comparison, double value, RuleScope scope,
        int? forSeconds = null, int? inARow = null) => new()
    {
        Id = id, Name = id, Severity = "major", Category = kind == "counter" ? "office" : kind == "camera" ? "camera" : "traffic",
        IncidentType = id.Split('-')[0], DeviceKind = kind, Field = field, Comparison = comparison, Value = value,
        ForSeconds = forSeconds, ReadingsInARow = inARow, HoldBeforeClearSeconds = 30, Scope = scope,
    };
}

using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Server.Devices;

/// <summary>What the console charts for each kind of device: the series an operator reads first, per measurement.</summary>
internal static class HistoryPlan
{
    public sealed record Column(string Field, string Aggregate, string Source, string Unit)
    {
        /// <summary>Booleans cannot be averaged in InfluxQL; the bucket's last state is what an operator asks about.</summary>
        public string Expression => $"{Aggregate}(\"{Source}\") AS \"{Field}\"";
    }

    public sealed record Measurement(string Name, IReadOnlyList<Column> Columns);

    public static IReadOnlyList<Measurement> For(DeviceKind kind) => kind switch
    {
        // Averaged over lanes: the detector as a whole, which is how the wall and the KPIs see it too.
        DeviceKind.Traffic =>
        [
            new("traffic_telemetry",
            [
                new(TrafficTelemetryFields.AverageVehicleSpeed, "mean", TrafficTelemetryFields.AverageVehicleSpeed, "km/h"),
                new(TrafficTelemetryFields.Intensity, "mean", TrafficTelemetryFields.Intensity, "vehicles"),
                new(TrafficTelemetryFields.Occupancy, "mean", TrafficTelemetryFields.Occupancy, "ratio"),
            ]),
        ],
        DeviceKind.Counter =>
        [
            new("counter_telemetry",
            [
                new(CounterTelemetryFields.Waiting, "mean", CounterTelemetryFields.Waiting, "people"),
                new(CounterTelemetryFields.CountersOpen, "mean", CounterTelemetryFields.CountersOpen, "counters"),
            ]),
        ],
        DeviceKind.Camera =>
        [
            new("camera_telemetry",
            [
                new(CameraTelemetryFields.Online, "last", CameraTelemetryFields.Online, "state"),
                new(CameraTelemetryFields.Recording, "last", CameraTelemetryFields.Recording, "state"),
            ]),
            // Every event message stores seq, so counting it counts the events whatever their type.
            new("camera_event", [new("events", "count", CommonFields.Seq, "events")]),
        ],
        _ => [],
    };

    /// <summary>About 100–700 points whatever the span: fine enough to see a rush hour, light enough for a browser.</summary>
    public static int BucketMinutes(int hours) => hours <= 24 ? 5 : hours <= 72 ? 10 : 15;
}

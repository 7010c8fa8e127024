using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Ingestion.Readings;

/// <summary>A stored traffic detector telemetry message, read by field.</summary>
public readonly record struct TrafficReading(StoredReading Stored)
{
    /// <summary>Detectors that count one direction as a whole send no lane: they are lane 1.</summary>
    public const long DefaultLane = 1;

    public long PeriodSeconds => (long)Stored.NumberOrDefault(TrafficTelemetryFields.PeriodSeconds);
    public long Lane => Stored.TryGetNumber(TrafficTelemetryFields.LaneId, out var v) ? (long)v : DefaultLane;
    public long Intensity => (long)Stored.NumberOrDefault(TrafficTelemetryFields.Intensity);
    public double Occupancy => Stored.NumberOrDefault(TrafficTelemetryFields.Occupancy);
    public double AverageVehicleSpeed => Stored.NumberOrDefault(TrafficTelemetryFields.AverageVehicleSpeed);
    public bool Congested => Stored.FlagOrDefault(TrafficTelemetryFields.Congested);

    /// <summary>Count of one vehicle class (a value of <see cref="VehicleTypes"/>), when the detector reported it.</summary>
    public long? VehicleCount(string vehicleType)
    {
        for (var i = 0; i < VehicleTypes.All.Count; i++)
        {
            if (VehicleTypes.All[i] == vehicleType)
                return Stored.TryGetNumber(VehicleTypes.StoredNames[i], out var v) ? (long)v : null;
        }
        return null;
    }
}

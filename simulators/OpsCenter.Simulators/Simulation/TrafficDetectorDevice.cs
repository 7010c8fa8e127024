using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// A loop or radar detector counting each lane of a road: one message per lane per counting period.
/// In rush hours intensity and occupancy rise and speeds drop, as on Lạch Tray at 8 a.m.
/// </summary>
internal sealed class TrafficDetectorDevice : SimulatedDevice
{
    // Mixed traffic with many motorcycles: a lane carries far more vehicles per minute than a car-only lane.
    private const double VehiclesPerLanePerMinuteAtCapacity = 38;

    private readonly int _lanes;
    private readonly double _freeFlowSpeed;

    public TrafficDetectorDevice(DeviceRecord record, DeviceSimulationSettings settings)
        : base(record, DeviceKind.Traffic, settings)
    {
        _lanes = int.TryParse(record.Attributes.GetValueOrDefault("lanes"), CultureInfo.InvariantCulture, out var lanes)
            ? Math.Clamp(lanes, 1, 8)
            : 2;
        _freeFlowSpeed = Random.Between(42, 58);
    }

    public int Lanes => _lanes;

    /// <summary>0 = normal; 1 = the road is blocked (an accident ahead). Scenarios drive it.</summary>
    public double Impact { get; set; }

    protected override string FirmwareVersion => "2.4.1";

    protected override IEnumerable<(DeviceChannel, DeviceMessage)> Measure(DateTimeOffset from, DateTimeOffset to)
    {
        var period = (int)Math.Clamp(Math.Round((to - from).TotalSeconds), 1, 3600);
        var demand = DailyPattern.TrafficDemand(CityTime.ToLocal(to));
        for (var lane = 1; lane <= _lanes; lane++)
            yield return (DeviceChannel.Telemetry, LaneReading(lane, period, to, demand));
    }

    private TrafficTelemetry LaneReading(int lane, int periodSeconds, DateTimeOffset at, double demand)
    {
        var load = Math.Clamp(demand * Random.Noise(0.12) * (1 + 0.6 * Impact), 0, 1.6);
        // A blocked road carries fewer vehicles even though it is full: flow collapses with the impact.
        var flowFactor = Math.Min(load, 1) * (1 - 0.8 * Impact);
        var intensity = (long)Math.Round(VehiclesPerLanePerMinuteAtCapacity * periodSeconds / 60.0 * flowFactor);
        var occupancy = Math.Clamp(0.03 + 0.55 * Math.Pow(Math.Min(load, 1), 2.2) + 0.4 * Impact + Random.Between(-0.02, 0.02), 0, 0.98);
        var speed = Math.Clamp(_freeFlowSpeed * (1 - 0.7 * Math.Pow(Math.Min(load, 1), 3)) * (1 - 0.9 * Impact) * Random.Noise(0.06), 2, 120);
        return new TrafficTelemetry
        {
            DeviceId = Id,
            Ts = at,
            Seq = 0,
            PeriodSeconds = periodSeconds,
            LaneId = lane,
            Intensity = intensity,
            Occupancy = Math.Round(occupancy, 3),
            AverageVehicleSpeed = Math.Round(speed, 1),
            Congested = occupancy > 0.45 || speed < 15,
            VehicleTypes = SplitByType(intensity),
        };
    }

    /// <summary>Hai Phong traffic is mostly motorcycles; the split is rounded so it adds up to the intensity.</summary>
    private VehicleTypeCounts SplitByType(long intensity)
    {
        var car = (long)Math.Round(intensity * Random.Between(0.14, 0.22));
        var bus = (long)Math.Round(intensity * 0.02);
        var truck = (long)Math.Round(intensity * Random.Between(0.02, 0.06));
        var bicycle = (long)Math.Round(intensity * 0.01);
        var motorcycle = Math.Max(0, intensity - car - bus - truck - bicycle);
        return new VehicleTypeCounts { Motorcycle = motorcycle, Car = car, Bus = bus, Truck = truck, Bicycle = bicycle };
    }
}

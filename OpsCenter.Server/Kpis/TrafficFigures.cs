using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// The traffic KPIs from each lane's latest counting period. Averages are taken per detector first (over its lanes),
/// then across detectors, so a six-lane road does not outweigh a two-lane one; volume is a sum over all lanes.
/// The same formulas serve the live figures and the history's per-minute points.
/// </summary>
public sealed record TrafficFigures(
    int DetectorsReporting,
    double? VolumePerHour,
    double? AverageSpeedKmh,
    double? OccupancyPercent,
    double? CongestionIndex,
    int CongestedDetectors)
{
    /// <summary>Below this the speed says "standing", not how slow: it caps the index at free-flow / 5 (10 at 50 km/h).</summary>
    public const double StandingSpeedKmh = 5;

    /// <summary>Travel takes twice as long as in free flow: the detector counts as congested.</summary>
    public const double CongestedIndex = 2;

    public static TrafficFigures From(IEnumerable<(string DeviceId, TrafficSample Sample)> lanes, Func<string, double?> freeFlowSpeedKmh)
    {
        var detectors = lanes.GroupBy(l => l.DeviceId, StringComparer.Ordinal).Select(g =>
        {
            var speed = g.Average(l => l.Sample.SpeedKmh);
            var index = freeFlowSpeedKmh(g.Key) is { } freeFlow ? TravelTimeIndex(freeFlow, speed) : (double?)null;
            return new
            {
                Speed = speed,
                Occupancy = g.Average(l => l.Sample.Occupancy),
                VehiclesPerHour = g.Sum(l => l.Sample.PeriodSeconds > 0 ? l.Sample.Intensity * 3600.0 / l.Sample.PeriodSeconds : 0),
                Index = index,
                Congested = g.Any(l => l.Sample.Congested) || index >= CongestedIndex,
            };
        }).ToList();
        if (detectors.Count == 0)
            return new TrafficFigures(0, null, null, null, null, 0);
        var indexes = detectors.Where(d => d.Index is not null).Select(d => d.Index!.Value).ToList();
        return new TrafficFigures(
            detectors.Count,
            Math.Round(detectors.Sum(d => d.VehiclesPerHour), MidpointRounding.AwayFromZero),
            KpiRounding.Round(detectors.Average(d => d.Speed)),
            KpiRounding.Round(100 * detectors.Average(d => d.Occupancy)),
            indexes.Count == 0 ? null : KpiRounding.Round(indexes.Average(), 2),
            detectors.Count(d => d.Congested));
    }

    /// <summary>Travel-time index: how many times longer a trip takes than at free-flow speed (1 = free flow).</summary>
    public static double TravelTimeIndex(double freeFlowSpeedKmh, double speedKmh) =>
        Math.Max(1, freeFlowSpeedKmh / Math.Max(speedKmh, StandingSpeedKmh));
}

using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Hubs;

namespace OpsCenter.Server.Wall;

/// <summary>Turns the live city state into the wall screen's KPIs, city-wide and per area.</summary>
public static class WallSnapshotBuilder
{
    /// <summary>A device not heard from since the Server started (no liveness yet).</summary>
    public const string Unknown = "unknown";

    public static WallSnapshot Build(CitySnapshotData data, IReadOnlyList<Contracts.Inventory.Area> areas)
    {
        var areaOf = data.Devices.ToDictionary(d => d.Id, d => d.AreaId, StringComparer.Ordinal);
        var cameras = data.Devices.Where(d => d.Kind == DeviceKind.Camera.ToWire()).ToList();
        bool IsOnline(string id) => data.Liveness.TryGetValue(id, out var s) && s is DeviceStates.Online or DeviceStates.Degraded;

        // Average per detector first (over its lanes), so a six-lane road does not outweigh a two-lane one.
        var detectorSpeeds = data.Traffic.GroupBy(t => t.DeviceId)
            .Select(g => (DeviceId: g.Key, Speed: g.Average(x => x.Sample.SpeedKmh), Congested: g.Any(x => x.Sample.Congested)))
            .ToList();

        var areaSnapshots = areas.Select(area =>
        {
            var areaCameras = cameras.Where(c => c.AreaId == area.Id).ToList();
            var speeds = detectorSpeeds.Where(d => areaOf.GetValueOrDefault(d.DeviceId) == area.Id).Select(d => d.Speed).ToList();
            return new AreaSnapshot(
                area.Id,
                area.Name,
                areaCameras.Count(c => IsOnline(c.Id)),
                areaCameras.Count,
                speeds.Count == 0 ? null : Math.Round(speeds.Average(), 1),
                data.Offices.Where(o => areaOf.GetValueOrDefault(o.DeviceId) == area.Id).Sum(o => o.Sample.Waiting));
        }).ToList();

        return new WallSnapshot
        {
            At = data.At,
            CamerasOnline = cameras.Count(c => IsOnline(c.Id)),
            CamerasTotal = cameras.Count,
            AverageSpeedKmh = detectorSpeeds.Count == 0 ? null : Math.Round(detectorSpeeds.Average(d => d.Speed), 1),
            CongestedDetectors = detectorSpeeds.Count(d => d.Congested),
            DetectorsReporting = detectorSpeeds.Count,
            PeopleWaiting = data.Offices.Sum(o => o.Sample.Waiting),
            OfficesOpen = data.Offices.Count(o => o.Sample.Open),
            ReadingsStored = data.Readings,
            Areas = areaSnapshots,
            DeviceStates = data.Devices.ToDictionary(d => d.Id, d => data.Liveness.GetValueOrDefault(d.Id) ?? Unknown, StringComparer.Ordinal),
        };
    }
}

using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Kpis;

/// <summary>The wall snapshot's KPIs as an <see cref="IKpiSource"/>, until the KPI engine computes the full catalogue.</summary>
public sealed class SnapshotKpiSource(LiveCityState state) : IKpiSource
{
    public IReadOnlyDictionary<string, object?> City()
    {
        var s = WallSnapshotBuilder.Build(state.Capture(), state.Inventory.Areas);
        return new Dictionary<string, object?>
        {
            ["camerasOnline"] = s.CamerasOnline, ["camerasTotal"] = s.CamerasTotal, ["averageSpeedKmh"] = s.AverageSpeedKmh,
            ["congestedDetectors"] = s.CongestedDetectors, ["detectorsReporting"] = s.DetectorsReporting,
            ["peopleWaiting"] = s.PeopleWaiting, ["officesOpen"] = s.OfficesOpen, ["readingsStored"] = s.ReadingsStored,
        };
    }

    public IReadOnlyDictionary<string, object?> Area(string areaId)
    {
        var area = WallSnapshotBuilder.Build(state.Capture(), state.Inventory.Areas).Areas.FirstOrDefault(a => a.AreaId == areaId);
        return area is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>
        {
            ["camerasOnline"] = area.CamerasOnline, ["camerasTotal"] = area.CamerasTotal,
            ["averageSpeedKmh"] = area.AverageSpeedKmh, ["peopleWaiting"] = area.PeopleWaiting,
        };
    }
}

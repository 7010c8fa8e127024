using System.Globalization;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Inventory;

/// <summary>
/// Grows the demo city into a bigger one from the same areas and roads, deterministically for a seed:
/// offices (city centre, one per district, then wards), a lobby camera per office, street cameras and
/// detectors spread over the districts in proportion to their road network.
/// </summary>
internal static class InventoryScaler
{
    public static CityInventory Generate(CityInventory demo, InventoryScale scale, int seed)
    {
        if (scale == InventoryScale.Demo)
            return demo;
        var random = DeterministicSeed.RandomFor(seed, "inventory-" + scale.Name);
        var weighted = demo.Areas.SelectMany(a => Enumerable.Repeat(a, Math.Max(1, a.Roads.Count))).ToList();
        var offices = Offices(demo.Areas, scale.Offices, random);
        var cameras = Cameras(demo.Areas, weighted, offices, scale.Cameras, random);
        var detectors = Detectors(demo.Areas, scale.Detectors, random);
        return demo with { Devices = [.. offices, .. cameras, .. detectors] };
    }

    private static List<DeviceRecord> Offices(IReadOnlyList<Area> areas, int count, Random random)
    {
        var result = new List<DeviceRecord>();
        if (count > 0)
            result.Add(Office("q-city-ttpvhcc", "Trung tâm Phục vụ hành chính công thành phố", areas[0], "city", 16, random));
        foreach (var area in areas.Take(Math.Max(0, count - 1)))
            result.Add(Office($"q-{area.Id}-ubnd", $"Bộ phận một cửa UBND {area.Name}", area, "district", random.Next(6, 11), random));
        var wardNumber = new Dictionary<string, int>();
        for (var i = 0; result.Count < count; i++)
        {
            var area = areas[i % areas.Count];
            var n = wardNumber[area.Id] = wardNumber.GetValueOrDefault(area.Id) + 1;
            result.Add(Office(Invariant($"q-{area.Id}-w{n:D2}"), Invariant($"Bộ phận một cửa UBND phường/xã số {n} ({area.Name})"), area, "ward", random.Next(2, 5), random));
        }
        return result;
    }

    private static DeviceRecord Office(string id, string name, Area area, string type, int counters, Random random) =>
        Device(id, "counter", name, area, 30, random, new() { ["officeType"] = type, ["countersTotal"] = Invariant($"{counters}") }, 0.006);

    private static List<DeviceRecord> Cameras(IReadOnlyList<Area> areas, List<Area> weighted, List<DeviceRecord> offices, int count, Random random)
    {
        var result = new List<DeviceRecord>();
        var perArea = new Dictionary<string, int>();
        string NextId(string areaId) => Invariant($"cam-{areaId}-{perArea[areaId] = perArea.GetValueOrDefault(areaId) + 1:D4}");
        var areasById = areas.ToDictionary(a => a.Id);
        // Lobby cameras watch the waiting rooms; at most a fifth of all cameras.
        foreach (var office in offices.Take(Math.Min(offices.Count, count / 5)))
        {
            var area = areasById[office.AreaId];
            result.Add(Device(NextId(area.Id), "camera", $"Camera sảnh chờ - {office.Name}", area, 30, random,
                new() { ["placement"] = "office", ["officeId"] = office.Id }, 0.006));
        }
        for (var i = 0; result.Count < count; i++)
        {
            var area = weighted[i % weighted.Count];
            var road = area.Roads.Count > 0 ? area.Roads[i / weighted.Count % area.Roads.Count] : area.Name;
            result.Add(Device(NextId(area.Id), "camera", $"Camera đường {road} ({area.Name})", area, 30, random,
                new() { ["placement"] = "street", ["road"] = road }, 0.02));
        }
        return result;
    }

    private static List<DeviceRecord> Detectors(IReadOnlyList<Area> areas, int count, Random random)
    {
        var pairs = areas.SelectMany(a => a.Roads.Select(r => (Area: a, Road: r))).ToList();
        var perRoad = new Dictionary<string, int>();
        var result = new List<DeviceRecord>();
        for (var i = 0; result.Count < count && pairs.Count > 0; i++)
        {
            var (area, road) = pairs[i % pairs.Count];
            var slug = IdSlug.From(road);
            var n = perRoad[slug] = perRoad.GetValueOrDefault(slug) + 1;
            var lanes = random.Next(2, 5);
            // Wider roads flow faster (2 lanes 40, 3 lanes 50, 4 lanes 60 km/h); no extra draw, so a seed's city is unchanged.
            var freeFlowSpeedKmh = 20 + (10 * lanes);
            result.Add(Device(Invariant($"tfd-{slug}-{n:D2}"), "traffic", Invariant($"Đầu đo lưu lượng {road} #{n:D2}"), area, 60, random,
                new()
                {
                    ["road"] = road, ["lanes"] = Invariant($"{lanes}"),
                    [DeviceAttributes.FreeFlowSpeedKmh] = Invariant($"{freeFlowSpeedKmh}"),
                }, 0.02));
        }
        return result;
    }

    private static DeviceRecord Device(string id, string kind, string name, Area area, int interval, Random random,
        Dictionary<string, string> attributes, double spread) => new()
        {
            Id = id,
            Kind = kind,
            Name = name,
            AreaId = area.Id,
            Lat = Math.Round(area.Lat + random.Between(-spread, spread), 5),
            Lon = Math.Round(area.Lon + random.Between(-spread, spread), 5),
            ReportingIntervalSeconds = interval,
            Attributes = attributes,
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

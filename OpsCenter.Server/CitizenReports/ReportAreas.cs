using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// Which area a report belongs to: the inventory area whose centre is nearest its position. Areas have no boundaries
/// in the inventory, so this is an approximation good enough for per-area figures.
/// </summary>
public sealed class ReportAreas(CityInventory inventory)
{
    public string? AreaOf(double lat, double lon)
    {
        string? nearest = null;
        var best = double.MaxValue;
        // Equirectangular distance: areas of one city are close enough for it to rank them correctly.
        var cosLat = Math.Cos(lat * Math.PI / 180);
        foreach (var area in inventory.Areas)
        {
            var dx = (area.Lon - lon) * cosLat;
            var dy = area.Lat - lat;
            var d = dx * dx + dy * dy;
            if (d < best)
            {
                best = d;
                nearest = area.Id;
            }
        }
        return nearest;
    }
}

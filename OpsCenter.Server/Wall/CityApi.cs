using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Wall;

/// <summary>
/// The city's static facts for screens (areas, device names, kinds, positions): fetched once by the wall's map, while
/// live views carry only what changes. Positions of street devices are not personal data; every signed-in person may read them.
/// </summary>
public static class CityApi
{
    public sealed record CityArea(string Id, string Name, string? NameEn, double Lat, double Lon);

    public sealed record CityDevice(string Id, string Kind, string Name, string AreaId, double Lat, double Lon);

    public sealed record CityFacts(string City, string TimeZone, IReadOnlyList<CityArea> Areas, IReadOnlyList<CityDevice> Devices);

    public static IEndpointRouteBuilder MapCityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", (CityInventory inventory) => TypedResults.Ok(Facts(inventory)))
            .RequireRoles(Roles.AnyPerson).WithTags("City")
            .WithSummary("The city's areas and devices with their positions, from the inventory (static facts for maps).");
        return app;
    }

    public static CityFacts Facts(CityInventory inventory) => new(
        inventory.City,
        inventory.TimeZone,
        inventory.Areas.Select(a => new CityArea(a.Id, a.Name, a.NameEn, a.Lat, a.Lon)).ToList(),
        inventory.Devices.Select(d => new CityDevice(d.Id, d.Kind, d.Name, d.AreaId, d.Lat, d.Lon)).ToList());
}

using System.Globalization;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.Devices;

/// <summary>The static facts a screen needs once: areas and devices, without attributes that are not for screens.</summary>
public sealed record CityView(string City, string TimeZone, IReadOnlyList<CityView.AreaFacts> Areas, IReadOnlyList<CityView.DeviceFacts> Devices)
{
    public sealed record AreaFacts(string Id, string Name, string? NameEn, double Lat, double Lon);

    public sealed record DeviceFacts(string Id, string Kind, string Name, string AreaId, double Lat, double Lon, int ReportingIntervalSeconds,
        double? FreeFlowSpeedKmh);
}

/// <summary>The inventory as <c>GET /api/city</c> shows it, built once (the inventory is loaded once per process).</summary>
public sealed class CityCatalog(CityInventory inventory)
{
    /// <summary>The one attribute a screen uses (speed relative to free flow); the others can hold installation details.</summary>
    public const string FreeFlowSpeedAttribute = "freeFlowSpeedKmh";

    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public CityView View { get; } = new(
        inventory.City,
        inventory.TimeZone,
        [.. inventory.Areas.Select(a => new CityView.AreaFacts(a.Id, a.Name, a.NameEn, a.Lat, a.Lon))],
        [.. inventory.Devices.Select(d => new CityView.DeviceFacts(d.Id, d.Kind, d.Name, d.AreaId, d.Lat, d.Lon, d.ReportingIntervalSeconds,
            FreeFlowSpeed(d)))]);

    public bool TryGetDevice(string id, out DeviceRecord device) => _devices.TryGetValue(id, out device!);

    private static double? FreeFlowSpeed(DeviceRecord device) =>
        device.Attributes.TryGetValue(FreeFlowSpeedAttribute, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0
            ? speed
            : null;
}

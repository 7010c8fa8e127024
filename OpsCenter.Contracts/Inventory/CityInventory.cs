using System.Text.Json;

namespace OpsCenter.Contracts.Inventory;

/// <summary>An administrative area of the city (quận/huyện/phường) with an approximate centre.</summary>
public sealed record Area
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public required double Lat { get; init; }
    public required double Lon { get; init; }
    public IReadOnlyList<string> Roads { get; init; } = [];
}

/// <summary>One registered field device.</summary>
public sealed record DeviceRecord
{
    public required string Id { get; init; }

    /// <summary><c>camera</c>, <c>traffic</c> or <c>counter</c>.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }
    public required string AreaId { get; init; }
    public required double Lat { get; init; }
    public required double Lon { get; init; }

    /// <summary>Seconds between telemetry messages; liveness allows 3 × this before calling a device offline.</summary>
    public int ReportingIntervalSeconds { get; init; } = 30;

    /// <summary>Kind-specific attributes (e.g. road and lanes for a detector, office type for a counter).</summary>
    public Dictionary<string, string> Attributes { get; init; } = [];

    /// <summary>
    /// A traffic detector's free-flow speed (km/h): how fast traffic moves on its road segment when nothing holds it
    /// up; the congestion index compares the measured speed with it. Null when the inventory does not say.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? FreeFlowSpeedKmh =>
        Attributes.TryGetValue(DeviceAttributes.FreeFlowSpeedKmh, out var text)
        && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var kmh)
        && kmh > 0 && double.IsFinite(kmh) ? kmh : null;
}

/// <summary>Names of <see cref="DeviceRecord.Attributes"/> that code reads.</summary>
public static class DeviceAttributes
{
    /// <summary>Traffic detectors: free-flow speed of the road segment, km/h, invariant-culture number.</summary>
    public const string FreeFlowSpeedKmh = "freeFlowSpeedKmh";

    /// <summary>Cameras: the host (or host:port) their snapshots come from, e.g. the NVR; the Server fetches only from allowed hosts.</summary>
    public const string SnapshotHost = "snapshotHost";
}

/// <summary>The demo city or a real city's inventory: its areas and devices, kept as data files.</summary>
public sealed record CityInventory
{
    public required string City { get; init; }
    public required string TimeZone { get; init; }
    public IReadOnlyList<Area> Areas { get; init; } = [];
    public IReadOnlyList<DeviceRecord> Devices { get; init; } = [];

    public static CityInventory Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<CityInventory>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"Inventory file '{path}' is empty.");
    }
}

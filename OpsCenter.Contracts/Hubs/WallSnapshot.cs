namespace OpsCenter.Contracts.Hubs;

/// <summary>
/// The wall's headline figures in one record (city-wide and per area): a compact summary of the city state for tests and
/// tools. Screens follow the live views of <c>/hubs/live</c> instead. Contains no personal data by construction.
/// </summary>
public sealed record WallSnapshot
{
    public required DateTimeOffset At { get; init; }
    public required int CamerasOnline { get; init; }
    public required int CamerasTotal { get; init; }

    /// <summary>Mean of the latest average speed of each detector heard from in the window; null before any.</summary>
    public double? AverageSpeedKmh { get; init; }

    public required int CongestedDetectors { get; init; }
    public required int DetectorsReporting { get; init; }
    public required long PeopleWaiting { get; init; }
    public required int OfficesOpen { get; init; }
    /// <summary>Readings Ingest stored since this Server started following it (not the store's total).</summary>
    public required long ReadingsStored { get; init; }
    public IReadOnlyList<AreaSnapshot> Areas { get; init; } = [];

    /// <summary>
    /// Every inventory device's liveness (<c>online</c>, <c>degraded</c>, <c>offline</c>, <c>unknown</c>) by id: the wall
    /// map's markers. Carried here until the wall follows the <c>city</c> live view, whose <c>device.{id}.state</c> keys say the same.
    /// </summary>
    public IReadOnlyDictionary<string, string> DeviceStates { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True when the Server knows its figures are not current: no Ingest instance is present (its Last Will came), or
    /// the Server itself lost the broker. A screen must then say "stale" rather than show the figures as live.
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>
    /// Why <see cref="Stale"/>: <c>ingest</c> (no Ingest announcing), <c>broker</c> (the Server lost the broker),
    /// <c>store</c> (InfluxDB does not answer: history and recovery cannot be read).
    /// </summary>
    public IReadOnlyList<string> StaleReasons { get; init; } = [];
}

public sealed record AreaSnapshot(string AreaId, string Name, int CamerasOnline, int CamerasTotal, double? AverageSpeedKmh, long PeopleWaiting);

using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Wall;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Kpis;

/// <summary>A sparkline point: the minute (Unix ms, its start) and the KPI as of the end of that minute, or null.</summary>
public sealed record KpiPoint(long T, double? V);

/// <summary>
/// Per-minute KPI history for the wall's sparklines, recomputed from InfluxDB with the live formulas: for each minute,
/// each device's newest reading up to then (if still fresh by the live view's rule) goes through the same aggregation
/// as the live figure. Camera liveness is not stored as such, so <c>camerasOnline</c> counts cameras whose latest
/// telemetry within 3 reporting intervals says the stream is up (the silence rule Ingest applies).
/// </summary>
public sealed class KpiHistory(InfluxQlClient influx, CityInventory inventory, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Supported =
    [
        KpiNames.AverageSpeedKmh, KpiNames.TrafficVolumePerHour, KpiNames.OccupancyPercent, KpiNames.CongestionIndex,
        KpiNames.CongestedDetectors, KpiNames.DetectorsReporting, KpiNames.PeopleWaiting, KpiNames.CamerasOnline,
    ];

    public const int MaxMinutes = 24 * 60;

    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task<IReadOnlyList<KpiPoint>> PointsAsync(string kpi, string? areaId, int minutes, CancellationToken cancellationToken)
    {
        var minuteMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lastMinute = nowMs - (nowMs % minuteMs);
        var firstMinute = lastMinute - ((minutes - 1) * minuteMs);
        var lookBack = kpi == KpiNames.CamerasOnline ? CameraSilence(areaId) : LiveCityState.FreshFor;
        var from = (firstMinute - (long)lookBack.TotalMilliseconds) * 1_000_000;
        var to = (lastMinute + minuteMs) * 1_000_000;
        var area = areaId is null ? "" : $" AND area = '{areaId}'";
        var where = $"WHERE time >= {from} AND time < {to}{area}";

        var (query, evaluate) = kpi switch
        {
            KpiNames.PeopleWaiting => (
                $"SELECT last(waiting) AS waiting FROM counter_telemetry {where} GROUP BY time(1m), device fill(none)",
                (Func<List<MinuteSeries>, long, double?>)PeopleWaiting),
            KpiNames.CamerasOnline => (
                $"SELECT last(online) AS online FROM camera_telemetry {where} GROUP BY time(1m), device fill(none)",
                (series, minute) => CamerasOnline(series, minute, areaId)),
            _ => (
                "SELECT last(averageVehicleSpeed) AS speed, last(occupancy) AS occupancy, last(intensity) AS intensity, " +
                $"last(periodSeconds) AS period, last(congested) AS congested FROM traffic_telemetry {where} GROUP BY time(1m), device, lane fill(none)",
                (series, minute) => Traffic(kpi, series, minute)),
        };
        var series = MinuteSeries.From(await influx.SeriesAsync(query, cancellationToken)).ToList();
        var points = new List<KpiPoint>(minutes);
        for (var minute = firstMinute; minute <= lastMinute; minute += minuteMs)
            points.Add(new KpiPoint(minute, evaluate(series, minute)));
        return points;
    }

    private double? Traffic(string kpi, List<MinuteSeries> series, long minute)
    {
        var lanes = series.Select(s => (s.DeviceId, Row: s.AsOf(minute, LiveCityState.FreshFor)))
            .Where(x => x.Row is not null && MinuteSeries.Has(x.Row, "speed"))
            .Select(x => (x.DeviceId, new TrafficSample(DateTimeOffset.FromUnixTimeMilliseconds(minute), MinuteSeries.Number(x.Row!, "speed"),
                MinuteSeries.Flag(x.Row!, "congested"), MinuteSeries.Number(x.Row!, "occupancy"),
                (long)MinuteSeries.Number(x.Row!, "intensity"), (long)MinuteSeries.Number(x.Row!, "period"))));
        var figures = TrafficFigures.From(lanes, id => _devices.GetValueOrDefault(id)?.FreeFlowSpeedKmh);
        return kpi switch
        {
            KpiNames.AverageSpeedKmh => figures.AverageSpeedKmh,
            KpiNames.TrafficVolumePerHour => figures.VolumePerHour,
            KpiNames.OccupancyPercent => figures.OccupancyPercent,
            KpiNames.CongestionIndex => figures.CongestionIndex,
            KpiNames.CongestedDetectors => figures.CongestedDetectors,
            _ => figures.DetectorsReporting,
        };
    }

    private static double? PeopleWaiting(List<MinuteSeries> series, long minute)
    {
        var rows = series.Select(s => s.AsOf(minute, LiveCityState.FreshFor)).OfType<IReadOnlyDictionary<string, System.Text.Json.JsonElement>>().ToList();
        return rows.Count == 0 ? null : rows.Sum(r => MinuteSeries.Number(r, "waiting"));
    }

    private double? CamerasOnline(List<MinuteSeries> series, long minute, string? areaId) =>
        series.Count(s => _devices.TryGetValue(s.DeviceId, out var d) && d.Kind == DeviceKind.Camera.ToWire()
                          && (areaId is null || d.AreaId == areaId)
                          && s.AsOf(minute, Silence(d)) is { } row && MinuteSeries.Flag(row, "online"));

    /// <summary>Ingest calls a device offline after 3 reporting intervals of silence; one more minute for the minute buckets.</summary>
    public static TimeSpan Silence(DeviceRecord d) =>
        TimeSpan.FromSeconds(Math.Max(60, 3 * d.ReportingIntervalSeconds)) + TimeSpan.FromMinutes(1);

    private TimeSpan CameraSilence(string? areaId) =>
        inventory.Devices.Where(d => d.Kind == DeviceKind.Camera.ToWire() && (areaId is null || d.AreaId == areaId))
            .Select(Silence).DefaultIfEmpty(TimeSpan.FromMinutes(2)).Max();
}

using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Computes the hourly rollup of every inventory device from the raw readings, for whole hours [from, to): office
/// outcomes through the KPI engine's joins, camera-minutes online by the silence rule Ingest applies, traffic by
/// detector-minute. Devices outside the inventory are left out (their area is unknown). Reads hour by hour for
/// cameras and traffic, so memory stays bounded by one hour of minute rows, whatever the range.
/// <para>
/// With a <see cref="CaseReceiptArchive"/> (the Server always has one; the bench's rollup run has no PostgreSQL), the case
/// receipts of the hours computed are kept there, and the look-back for older receipts reads it beside the raw ones,
/// which the raw retention deletes after 30 days.
/// </para>
/// </summary>
public sealed class RawRollup(InfluxQlClient influx, CityInventory inventory, CaseReceiptArchive? archive = null)
{
    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
    private readonly List<DeviceRecord> _cameras = inventory.Devices.Where(d => d.Kind == DeviceKind.Camera.ToWire()).ToList();

    public async Task<Dictionary<(DateTimeOffset Hour, string Device), RollupTotals>> ComputeAsync(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(DateTimeOffset, string), RollupTotals>();
        if (from >= now)
            return result;
        await OfficesAsync(from, to, result, cancellationToken);
        foreach (var hour in HourClock.Hours(from, to).TakeWhile(h => h < now))
        {
            await CamerasAsync(hour, now, result, cancellationToken);
            await TrafficAsync(hour, result, cancellationToken);
        }
        return result;
    }

    private async Task OfficesAsync(DateTimeOffset from, DateTimeOffset to, Dictionary<(DateTimeOffset, string), RollupTotals> result, CancellationToken ct)
    {
        var outcomes = new OfficeHourOutcomes(from, to);
        var joins = new OfficeJoins(outcomes);
        // The joins need what came before the hours: a case's receipt (kept CaseLedger.Lookback; older raw readings may
        // already be gone with the raw retention) and, the day before, a ticket's issue and call (the live engine keeps
        // an open ticket a day too). Read in time order, a slice at a time, so memory holds one slice, not the range.
        var ticketsFrom = from - TicketTrails.ForgetAfter;
        await FeedAsync(joins, from - CaseLedger.Lookback, ticketsFrom, TimeSpan.FromDays(10),
            $"\"type\" = '{CounterEventTypes.CaseReceived}'", ct, withKept: true);
        await FeedAsync(joins, ticketsFrom, from, TimeSpan.FromHours(6),
            $"(\"type\" = '{CounterEventTypes.CaseReceived}' OR \"type\" = '{CounterEventTypes.TicketIssued}' OR \"type\" = '{CounterEventTypes.TicketCalled}')", ct, withKept: true);
        var receipts = new List<StoredReading>();
        await FeedAsync(joins, from, to, TimeSpan.FromHours(1), null, ct, collect: receipts);
        if (archive is not null)
            await archive.KeepAsync(receipts, ct);
        foreach (var (key, totals) in outcomes.Hours)
            Totals(result, key.Hour, key.Device).Add(totals);
    }

    /// <param name="withKept">Also feeds the receipts kept in the archive for the slice (a receipt both there and raw counts once).</param>
    /// <param name="collect">Receives the slice's case receipts, to be kept.</param>
    private async Task FeedAsync(OfficeJoins joins, DateTimeOffset from, DateTimeOffset to, TimeSpan slice, string? types, CancellationToken ct,
        bool withKept = false, List<StoredReading>? collect = null)
    {
        for (var start = from; start < to; start += slice)
        {
            var end = start + slice < to ? start + slice : to;
            var series = await influx.SeriesAsync(
                $"SELECT * FROM counter_event WHERE {(types is null ? "" : types + " AND ")}time >= {HourClock.Ns(start)} AND time < {HourClock.Ns(end)}", ct);
            var readings = series.SelectMany(s => StoredRowReader.Read(s, DeviceKind.Counter, DeviceChannel.Event));
            if (withKept && archive is not null)
                readings = readings.Concat(await archive.ReadAsync(start, end, ct));
            // As they happened: receipts before resolutions, issues before calls.
            foreach (var reading in readings.DistinctBy(KpiEngine.PointIdentity).OrderBy(r => KpiEngine.PointIdentity(r).Ns))
            {
                if (!_devices.ContainsKey(reading.DeviceId) || reading.CounterEvent is not { } e)
                    continue;
                joins.Apply(e, reading.DeviceId);
                if (e.Type == CounterEventType.CaseReceived)
                    collect?.Add(reading);
            }
        }
    }

    private async Task CamerasAsync(DateTimeOffset hour, DateTimeOffset now, Dictionary<(DateTimeOffset, string), RollupTotals> result, CancellationToken ct)
    {
        // Minutes that have ended: the current hour counts up to now, and is recomputed until it is over.
        var minutes = Enumerable.Range(0, 60).Select(m => hour.AddMinutes(m)).Where(m => m.AddMinutes(1) <= now).ToList();
        if (_cameras.Count == 0 || minutes.Count == 0)
            return;
        var lookBack = _cameras.Max(KpiHistory.Silence);
        var series = MinuteSeries.From(await influx.SeriesAsync(
                $"SELECT last({CameraTelemetryFields.Online}) AS online FROM camera_telemetry WHERE time >= {HourClock.Ns(hour - lookBack)} " +
                $"AND time < {HourClock.Ns(hour.AddHours(1))} GROUP BY time(1m), device fill(none)", ct))
            .ToDictionary(s => s.DeviceId, StringComparer.Ordinal);
        foreach (var camera in _cameras)
        {
            var silence = KpiHistory.Silence(camera);
            var online = series.TryGetValue(camera.Id, out var s)
                ? minutes.Count(m => s.AsOf(m.ToUnixTimeMilliseconds(), silence) is { } row && MinuteSeries.Flag(row, "online"))
                : 0;
            // Every inventory camera is expected every minute: one that never reported counts as unavailable.
            var totals = Totals(result, hour, camera.Id).Touch(RollupFields.Camera);
            totals.Add(RollupFields.CameraOnlineMinutes, online);
            totals.Add(RollupFields.CameraExpectedMinutes, minutes.Count);
        }
    }

    private async Task TrafficAsync(DateTimeOffset hour, Dictionary<(DateTimeOffset, string), RollupTotals> result, CancellationToken ct)
    {
        var where = $"time >= {HourClock.Ns(hour)} AND time < {HourClock.Ns(hour.AddHours(1))}";
        // mean over all lane readings of the minute: each lane reports once per counting period, so it weighs each lane
        // once, and the detector once per minute however many lanes it has (per detector first, as the live KPI).
        var speeds = MinuteSeries.From(await influx.SeriesAsync(
            $"SELECT mean({TrafficTelemetryFields.AverageVehicleSpeed}) AS speed FROM traffic_telemetry WHERE {where} GROUP BY time(1m), device fill(none)", ct));
        var flagged = MinuteSeries.From(await influx.SeriesAsync(
                $"SELECT count({TrafficTelemetryFields.Congested}) AS flagged FROM traffic_telemetry WHERE {TrafficTelemetryFields.Congested} = true AND {where} " +
                "GROUP BY time(1m), device fill(none)", ct))
            .ToDictionary(s => s.DeviceId, StringComparer.Ordinal);
        foreach (var detector in speeds)
        {
            if (!_devices.TryGetValue(detector.DeviceId, out var device))
                continue;
            var congestedMinutes = flagged.TryGetValue(detector.DeviceId, out var f) ? f.Minutes.ToHashSet() : [];
            var totals = Totals(result, hour, detector.DeviceId).Touch(RollupFields.Traffic);
            foreach (var (minute, row) in detector.Rows)
            {
                if (!MinuteSeries.Has(row, "speed"))
                    continue;
                var speed = MinuteSeries.Number(row, "speed");
                totals.Add(RollupFields.SpeedSum, speed);
                totals.Add(RollupFields.SpeedMinutes, 1);
                if (device.FreeFlowSpeedKmh is { } freeFlow && TrafficFigures.TravelTimeIndex(freeFlow, speed) >= TrafficFigures.CongestedIndex)
                    congestedMinutes.Add(minute);
            }
            totals.Add(RollupFields.CongestedMinutes, congestedMinutes.Count);
        }
    }

    private static RollupTotals Totals(Dictionary<(DateTimeOffset, string), RollupTotals> result, DateTimeOffset hour, string device)
    {
        if (!result.TryGetValue((hour, device), out var totals))
            result[(hour, device)] = totals = new RollupTotals();
        return totals;
    }
}

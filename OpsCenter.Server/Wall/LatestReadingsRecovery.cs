using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Wall;

/// <summary>
/// A Server that starts, or comes back to the broker after a gap, reads each detector's and office's latest reading
/// from the store instead of waiting for the next ones: the wall is right at once, not one reporting interval later.
/// (Device liveness comes back by itself: Ingest's announcements are retained by the broker.)
/// </summary>
public sealed partial class LatestReadingsRecovery(
    LiveCityState state, InfluxQlClient influx, IEnumerable<IStoredStreamObserver> observers, ILogger<LatestReadingsRecovery> logger)
{
    private static readonly string Window = $"{(int)LiveCityState.FreshFor.TotalMinutes}m";

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            var traffic = await influx.SeriesAsync(
                $"SELECT * FROM traffic_telemetry WHERE time > now() - {Window} GROUP BY device, lane ORDER BY time DESC LIMIT 1", cancellationToken);
            var offices = await influx.SeriesAsync(
                $"SELECT * FROM counter_telemetry WHERE time > now() - {Window} GROUP BY device ORDER BY time DESC LIMIT 1", cancellationToken);
            var restored = 0;
            foreach (var reading in traffic.SelectMany(s => Readings(s, DeviceKind.Traffic)).Concat(offices.SelectMany(s => Readings(s, DeviceKind.Counter))))
            {
                state.Restore(reading);
                foreach (var observer in observers)
                    observer.OnReading(reading, live: false);
                restored++;
            }
            LogRestored(restored);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, it must not cost the live stream its connection: the wall catches up with the next
            // readings.
            LogUnavailable(ex.Message);
        }
    }

    private static IEnumerable<StoredReading> Readings(InfluxQlSeries series, DeviceKind kind)
    {
        var device = series.Tags?.GetValueOrDefault("device");
        if (string.IsNullOrEmpty(device))
            yield break;
        foreach (var row in series.Rows())
        {
            // The client asks for epoch=ns, so time is a number of nanoseconds.
            if (!row.TryGetValue("time", out var time) || time.ValueKind != JsonValueKind.Number || !time.TryGetInt64(out var ns))
                continue;
            var ts = DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000);
            var reading = new StoredReading { DeviceId = device, Kind = kind, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = 0 };
            if (series.Tags!.TryGetValue("lane", out var lane) && long.TryParse(lane, out var laneId))
                reading.Numbers[TrafficTelemetryFields.LaneId] = laneId;
            foreach (var (column, value) in row)
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.Number when column != "time":
                        reading.Numbers[column] = value.GetDouble();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        reading.Flags[column] = value.GetBoolean();
                        break;
                    case JsonValueKind.String when column != "time":
                        reading.Texts[column] = value.GetString()!;
                        break;
                }
            }
            yield return reading;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} latest readings from InfluxDB")]
    private partial void LogRestored(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the latest readings from InfluxDB ({Error}); the live stream will fill them in")]
    private partial void LogUnavailable(string error);
}

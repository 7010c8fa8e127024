using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Wall;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// A restarted Server does not start its day from zero: once, at start-up, it reads back from InfluxDB the office events
/// since the start of yesterday (tickets, ratings, cases: "today" and "last hour" joins), the case receipts and
/// resolutions of the last <see cref="CaseLedger.Lookback"/> (due dates and month to date), and each camera's latest
/// telemetry (recording). Case receipts older than the raw retention come from the <see cref="CaseReceiptArchive"/>.
/// If the store does not answer, it tries again a few times, then counts from the live stream.
/// </summary>
public sealed partial class KpiRebuild(
    KpiEngine engine,
    InfluxQlClient influx,
    LiveCityState state,
    TimeProvider clock,
    ILogger<KpiRebuild> logger,
    CaseReceiptArchive? archive = null) : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await RebuildAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= RetryDelays.Length)
                {
                    LogGaveUp(ex.Message);
                    engine.RebuildFinished();
                    return;
                }
                LogRetrying(ex.Message, RetryDelays[attempt].TotalSeconds);
                await Task.Delay(RetryDelays[attempt], clock, stoppingToken);
            }
        }
    }

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var calendar = CityCalendar.For(state.Inventory);
        var yesterday = calendar.StartOf(calendar.DayOf(now).AddDays(-1));
        var since = Ns(yesterday);
        var lookback = Ns(now - CaseLedger.Lookback);
        var recent = await influx.SeriesAsync($"SELECT * FROM counter_event WHERE time >= {since}", cancellationToken);
        var cases = await influx.SeriesAsync(
            $"SELECT * FROM counter_event WHERE (\"type\" = '{CounterEventTypes.CaseReceived}' OR \"type\" = '{CounterEventTypes.CaseResolved}') " +
            $"AND time >= {lookback} AND time < {since}", cancellationToken);
        var cameras = await influx.SeriesAsync(
            $"SELECT * FROM camera_telemetry WHERE time > {Ns(now - LiveCityState.FreshFor)} GROUP BY device ORDER BY time DESC LIMIT 1", cancellationToken);

        var kept = await KeptReceiptsAsync(now - CaseLedger.Lookback, yesterday, cancellationToken);

        // In time order, so receipts come before their resolutions and issues before calls, as they happened; a receipt
        // both kept and still raw counts once.
        var events = cases.Concat(recent).SelectMany(s => StoredRowReader.Read(s, DeviceKind.Counter, DeviceChannel.Event))
            .Concat(kept).DistinctBy(KpiEngine.PointIdentity).OrderBy(r => KpiEngine.PointIdentity(r).Ns).ToList();
        foreach (var reading in events)
            engine.OnRebuilt(reading);
        foreach (var reading in cameras.SelectMany(s => StoredRowReader.Read(s, DeviceKind.Camera, DeviceChannel.Telemetry)))
            engine.OnRebuilt(reading);
        engine.RebuildFinished();
        LogRebuilt(events.Count);
    }

    /// <summary>The kept receipts, or none when PostgreSQL does not answer: the rebuild needs InfluxDB, not this.</summary>
    private async Task<IReadOnlyList<StoredReading>> KeptReceiptsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (archive is null)
            return [];
        try
        {
            return await archive.ReadAsync(from, to, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogArchiveUnavailable(ex.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not read the kept case receipts ({Error}); cases received before the raw retention are not joined until the next restart")]
    private partial void LogArchiveUnavailable(string error);

    private static long Ns(DateTimeOffset t) => t.ToUnixTimeMilliseconds() * 1_000_000;

    [LoggerMessage(Level = LogLevel.Information, Message = "KPIs rebuilt from {Count} stored office events")]
    private partial void LogRebuilt(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not rebuild the KPIs from InfluxDB ({Error}); trying again in {Seconds} s")]
    private partial void LogRetrying(string error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not rebuild the KPIs from InfluxDB ({Error}); today's figures count from now on")]
    private partial void LogGaveUp(string error);
}

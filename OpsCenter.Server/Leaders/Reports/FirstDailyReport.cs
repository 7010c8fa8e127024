using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// A new installation does not wait for tomorrow's 07:00 to show its first daily report: every minute, while no
/// daily report was ever made, it checks whether yesterday has been rolled up to its last hour, and then makes
/// yesterday's report (the same job as at 07:00, so the same report). The history comes in order (the run command's
/// backfill, or devices' outboxes), and the rollup run that wrote yesterday's last hour also wrote every hour marked
/// before it, so yesterday is whole by then. Once one daily report exists this does nothing: the schedule takes over.
/// </summary>
public sealed partial class FirstDailyReport(
    LeaderReportStore store, LeaderReportJob job, IIndicatorSource indicators, CityInventory inventory, TimeProvider clock,
    ILogger<FirstDailyReport> logger)
{
    public const string JobId = "leaders-report-first-daily";

    /// <summary>Figures every demo and real city has from its street devices through the night.</summary>
    private static readonly string[] Probes = [IndicatorCatalog.CameraAvailabilityPercent, IndicatorCatalog.AverageSpeedKmh];

    private readonly CityCalendar _calendar = CityCalendar.For(inventory);

    /// <returns>The report made, or null when there is nothing (yet) to do.</returns>
    public async Task<Guid?> RunAsync(CancellationToken cancellationToken)
    {
        if (await store.AnyReadyAsync(ReportKind.Daily, cancellationToken))
            return null;
        var now = clock.GetUtcNow();
        var yesterday = CityDays.Day(_calendar.DayOf(now).AddDays(-1));
        if (!await LastHourRolledUpAsync(yesterday, cancellationToken))
            return null;
        LogMaking(yesterday);
        return await job.RunForAsync(ReportKind.Daily, now, cancellationToken);
    }

    /// <summary>
    /// The last hour rolled up, and the day too: a rollup run writes the hours first and the day from them after, and
    /// the report reads the day. Checking the hour alone, a report made between the two writes came out empty (seen in
    /// the end-to-end test on a busy machine).
    /// </summary>
    private async Task<bool> LastHourRolledUpAsync(CityDays yesterday, CancellationToken cancellationToken)
    {
        foreach (var key in Probes)
        {
            var hours = await indicators.TrendAsync(key, null, yesterday, IndicatorGrain.Hour, cancellationToken);
            if (hours.Count == 0 || hours[^1].Value is null)
                continue;
            var day = await indicators.TrendAsync(key, null, yesterday, IndicatorGrain.Day, cancellationToken);
            if (day.Count > 0 && day[^1].Value is not null)
                return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No daily report yet and {Day} is rolled up to its last hour: making the first one")]
    private partial void LogMaking(CityDays day);
}

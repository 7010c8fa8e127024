using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Follows what Ingest stores and notes the hour of every reading from an hour before the current one: the recent run
/// recomputes only the current and the previous hour, so such a reading (a device's outbox after an outage, up to
/// 7 days old) would otherwise never reach the rollups until the sweep. The hours are kept in memory (one entry per
/// hour, however many readings) and written to <see cref="TouchedHourStore"/> every few seconds; a reading the Server
/// missed while down is caught by the nightly sweep.
/// </summary>
public sealed partial class LateReadingMarks(
    TouchedHourStore store, TimeProvider clock, IOptions<RollupOptions> options, ILogger<LateReadingMarks> logger)
    : BackgroundService, IStoredStreamObserver
{
    private readonly ConcurrentDictionary<DateTimeOffset, byte> _pending = new();

    public void OnReading(StoredReading reading, bool live)
    {
        // Read back at start-up is not news; status messages feed no rollup.
        if (!live || reading.Channel == DeviceChannel.Status)
            return;
        var now = clock.GetUtcNow();
        var hour = HourClock.HourOf(reading.Ts);
        if (hour < HourClock.HourOf(now).AddHours(-1) && hour >= now.AddDays(-options.Value.SweepDays - 1))
            _pending.TryAdd(hour, 0);
    }

    public void OnLiveness(DeviceLivenessChanged change)
    {
    }

    /// <summary>Writes what was noted so far (the loop does it every few seconds; tests call it directly).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var hours = _pending.Keys.ToList();
        if (hours.Count == 0)
            return;
        await store.MarkAsync(hours, cancellationToken);
        foreach (var hour in hours)
            _pending.TryRemove(hour, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.MarkFlushSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept in memory and tried again next tick; PostgreSQL being away must not stop the stream.
                LogFlushFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note the hours late readings touched ({Error}); trying again")]
    private partial void LogFlushFailed(string error);
}

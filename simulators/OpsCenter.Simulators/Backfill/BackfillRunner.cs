using System.Diagnostics;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Backfill;

/// <summary>
/// Replays days of a fleet's history at their own timestamps through the normal MQTT topics, so trends,
/// rollups and reports have data. Status and reboots are left out: a retained status stamped days ago
/// would overwrite the devices' current liveness.
/// </summary>
internal sealed class BackfillRunner(FleetModel model, IMessageSink sink, RunStats stats, double ratePerSecond, int maxInFlight = 2000)
{
    /// <summary>The contract rejects data older than 7 days.</summary>
    public const int MaxDays = 7;

    /// <summary>Keeps the oldest message comfortably inside the 7-day window by the time it is ingested.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(30);

    public DateTimeOffset SimulatedNow { get; private set; }

    public static DateTimeOffset StartFor(int days, DateTimeOffset now) =>
        days >= MaxDays ? now - TimeSpan.FromDays(MaxDays) + SafetyMargin : now - TimeSpan.FromDays(days);

    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        foreach (var output in model.AdvanceTo(until))
        {
            cancellationToken.ThrowIfCancellationRequested();
            SimulatedNow = output.At;
            if (output.Message is not { Retain: false } message)
                continue;
            // Pace to the requested rate so a week of history does not swamp a small ingest.
            while (sent > clock.Elapsed.TotalSeconds * ratePerSecond)
                await Task.Delay(1, cancellationToken);
            await inFlight.WaitAsync(cancellationToken);
            pending.Add(PublishAsync(message, inFlight, cancellationToken));
            sent++;
            if (pending.Count > 50_000)
                pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
    }

    private async Task PublishAsync(OutboundMessage message, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            await stats.TrackAsync(sink.PublishAsync(message, cancellationToken));
        }
        finally
        {
            inFlight.Release();
        }
    }
}

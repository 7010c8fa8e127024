using System.Diagnostics;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Load;

internal sealed record LoadOptions(double Rate, TimeSpan Duration, int PayloadBytes, int Burst = 25, int MaxInFlight = 4000);

internal sealed record LoadResult(long Sent, long Acknowledged, long Failed, TimeSpan SendTime, TimeSpan TotalTime)
{
    public double AchievedRate => Sent / Math.Max(SendTime.TotalSeconds, 1e-6);
    public double AcknowledgedRate => Acknowledged / Math.Max(TotalTime.TotalSeconds, 1e-6);
}

/// <summary>
/// Publishes at a fixed rate: message i is due at i / rate seconds on a Stopwatch schedule, sent in
/// small bursts whenever it falls due, so timer jitter never accumulates into a rate error.
/// </summary>
internal sealed class LoadGenerator(IMessageSink sink, LoadPayloads payloads, LoadOptions options, RunStats stats)
{
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var total = (long)Math.Round(options.Rate * options.Duration.TotalSeconds);
        using var inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        var pending = new List<Task>();
        stats.Restart();
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (sent < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * options.Rate) + 1);
            if (sent >= due)
            {
                await WaitForNextAsync(clock, sent, cancellationToken);
                continue;
            }
            var now = DateTimeOffset.UtcNow;
            for (var burstEnd = Math.Min(due, sent + options.Burst); sent < burstEnd; sent++)
            {
                await inFlight.WaitAsync(cancellationToken);
                var (topic, payload) = payloads.Next(sent, now);
                pending.Add(PublishAsync(new OutboundMessage(topic, payload, false), inFlight, cancellationToken));
            }
            if (pending.Count > 50_000)
                pending.RemoveAll(t => t.IsCompleted);
        }
        var sendTime = clock.Elapsed;
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        return new LoadResult(stats.Sent, stats.Acknowledged, stats.Failed, sendTime, clock.Elapsed);
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

    private async Task WaitForNextAsync(Stopwatch clock, long next, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(next / options.Rate) - clock.Elapsed;
        // Task.Delay is only millisecond-grained: sleep while far from the due time, yield when close.
        if (wait > TimeSpan.FromMilliseconds(2))
            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
        else
            await Task.Yield();
    }
}

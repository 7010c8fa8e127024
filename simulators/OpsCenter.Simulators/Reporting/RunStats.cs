using System.Diagnostics;
using System.Globalization;

namespace OpsCenter.Simulators.Reporting;

/// <summary>Counters a run updates from many tasks; the progress line and the summary read them.</summary>
internal sealed class RunStats
{
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public long Sent => Interlocked.Read(ref _sent);
    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Failed => Interlocked.Read(ref _failed);
    public TimeSpan Elapsed => _clock.Elapsed;

    public void Restart() => _clock.Restart();

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void CountResult(bool acknowledged)
    {
        if (acknowledged)
            Interlocked.Increment(ref _acknowledged);
        else
            Interlocked.Increment(ref _failed);
    }

    public async Task<bool> TrackAsync(Task<bool> publish)
    {
        CountSent();
        var ok = await publish;
        CountResult(ok);
        return ok;
    }

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Elapsed:hh\\:mm\\:ss} sent {Sent:N0} ({Sent / Math.Max(Elapsed.TotalSeconds, 0.001):N0}/s) acked {Acknowledged:N0} failed {Failed:N0}");
}

using System.Diagnostics;
using System.Globalization;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Reporting;

/// <summary>
/// Counters a run updates from many tasks; the progress line and the summary read them. A message handed to a
/// transport ends acknowledged (first time, or resent after a reconnect), superseded (an older status a newer one
/// replaced), failed (refused, dropped from a full outbox, or still unsent at stop) — or is still waiting.
/// </summary>
internal sealed class RunStats : IOutboxReport
{
    private long _sent;
    private long _acknowledged;
    private long _resent;
    private long _waiting;
    private long _superseded;
    private long _failed;
    private long _dropped;
    private long _unsentAtStop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public long Sent => Interlocked.Read(ref _sent);
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Acknowledged only when sent again after a reconnect (included in <see cref="Acknowledged"/>).</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>In an outbox now, to be sent again once the broker is back.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>Given up on: refused, dropped from a full outbox, or unsent at stop (those two are included here).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);
    public long UnsentAtStop => Interlocked.Read(ref _unsentAtStop);
    public TimeSpan Elapsed => _clock.Elapsed;

    public void Restart() => _clock.Restart();

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void CountResult(bool acknowledged) => CountResult(acknowledged ? PublishOutcome.Acknowledged : PublishOutcome.Failed);

    public void CountResult(PublishOutcome outcome)
    {
        switch (outcome)
        {
            case PublishOutcome.Acknowledged:
                Interlocked.Increment(ref _acknowledged);
                break;
            case PublishOutcome.Deferred:
                Interlocked.Increment(ref _waiting);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }
    }

    public async Task<bool> TrackAsync(Task<bool> publish)
    {
        CountSent();
        var ok = await publish;
        CountResult(ok);
        return ok;
    }

    public async Task<PublishOutcome> TrackAsync(Task<PublishOutcome> publish)
    {
        CountSent();
        var outcome = await publish;
        CountResult(outcome);
        return outcome;
    }

    void IOutboxReport.Resent()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _resent);
        Interlocked.Increment(ref _acknowledged);
    }

    void IOutboxReport.Superseded()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _superseded);
    }

    void IOutboxReport.Refused()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _failed);
    }

    void IOutboxReport.Dropped()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _failed);
    }

    void IOutboxReport.UnsentAtStop(int count)
    {
        Interlocked.Add(ref _waiting, -count);
        Interlocked.Add(ref _unsentAtStop, count);
        Interlocked.Add(ref _failed, count);
    }

    public string Line()
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Elapsed:hh\\:mm\\:ss} sent {Sent:N0} ({Sent / Math.Max(Elapsed.TotalSeconds, 0.001):N0}/s) acked {Acknowledged:N0} resent {Resent:N0} waiting {Waiting:N0} failed {Failed:N0}");
        var notes = new List<string>();
        if (Dropped > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Dropped:N0} dropped from full outboxes"));
        if (UnsentAtStop > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{UnsentAtStop:N0} left unsent at stop"));
        if (Superseded > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Superseded:N0} statuses superseded by newer ones"));
        return notes.Count == 0 ? line : $"{line} ({string.Join(", ", notes)})";
    }
}

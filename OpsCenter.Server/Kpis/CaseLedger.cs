namespace OpsCenter.Server.Kpis;

/// <summary>
/// Joins a case file's receipt (with its due date and channel) to its resolution by case id, across days and months:
/// on time when resolved at or before its <c>dueAt</c>. Open cases are kept for <see cref="Lookback"/>; a resolution
/// whose receipt is not known yet waits a day for it (late data), then is dropped uncounted.
/// </summary>
public sealed class CaseLedger(IOfficeOutcomes tally)
{
    /// <summary>How far back a resolution can find its receipt (and how far the rebuild after a restart reads).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(60);

    private static readonly TimeSpan WaitForReceipt = TimeSpan.FromDays(1);

    private readonly Dictionary<string, OpenCase> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resolution> _unmatched = new(StringComparer.Ordinal);

    public int OpenCount => _open.Count;

    public void Received(string caseId, string area, DateTimeOffset at, DateTimeOffset dueAt, bool online)
    {
        if (_open.ContainsKey(caseId))
            return;
        tally.RecordCaseReceived(area, at, online);
        if (_unmatched.Remove(caseId, out var resolution))
            tally.RecordCaseResolved(resolution.Area, resolution.At, resolution.At <= dueAt, resolution.At - at);
        else
            _open[caseId] = new OpenCase(at, dueAt);
    }

    public void Resolved(string caseId, string area, DateTimeOffset at)
    {
        // The resolving office's area counts it: that is whose performance on-time measures.
        if (_open.Remove(caseId, out var open))
            tally.RecordCaseResolved(area, at, at <= open.DueAt, at - open.ReceivedAt);
        else
            _unmatched.TryAdd(caseId, new Resolution(area, at));
    }

    public void Prune(DateTimeOffset now)
    {
        foreach (var id in _open.Where(c => c.Value.ReceivedAt < now - Lookback).Select(c => c.Key).ToList())
            _open.Remove(id);
        foreach (var id in _unmatched.Where(c => c.Value.At < now - WaitForReceipt).Select(c => c.Key).ToList())
            _unmatched.Remove(id);
    }

    private readonly record struct OpenCase(DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

    private readonly record struct Resolution(string Area, DateTimeOffset At);
}

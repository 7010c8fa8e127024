using OpsCenter.Server.Kpis;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The KPI engine's office joins (<see cref="OfficeJoins"/>), counted per (hour, office device) instead of per (day,
/// area): each outcome in the hour of the event that completes it. Outcomes outside the hours being recomputed (the
/// joins read further back to find a ticket's issue or a case's receipt) are not kept.
/// </summary>
public sealed class OfficeHourOutcomes(DateTimeOffset from, DateTimeOffset to) : IOfficeOutcomes
{
    private readonly Dictionary<(DateTimeOffset Hour, string Device), RollupTotals> _hours = [];

    public IReadOnlyDictionary<(DateTimeOffset Hour, string Device), RollupTotals> Hours => _hours;

    public void RecordWait(string scope, DateTimeOffset calledAt, double minutes) =>
        Add(scope, calledAt, RollupFields.WaitSecondsSum, minutes * 60, RollupFields.Waits);

    public void RecordService(string scope, DateTimeOffset servedAt, double minutes) =>
        Add(scope, servedAt, RollupFields.ServiceSecondsSum, minutes * 60, RollupFields.Services);

    public void RecordServed(string scope, DateTimeOffset at) => Add(scope, at, RollupFields.Served, 1);

    public void RecordNoShow(string scope, DateTimeOffset at) => Add(scope, at, RollupFields.NoShows, 1);

    public void RecordCaseReceived(string scope, DateTimeOffset at, bool online) =>
        Add(scope, at, RollupFields.CasesReceived, 1, online ? RollupFields.CasesOnline : null);

    public void RecordCaseResolved(string scope, DateTimeOffset at, bool onTime, TimeSpan processing)
    {
        Add(scope, at, RollupFields.ProcessingSecondsSum, processing.TotalSeconds, RollupFields.CasesResolved);
        if (onTime)
            Add(scope, at, RollupFields.CasesOnTime, 1);
    }

    public void RecordRating(string scope, DateTimeOffset at, long score) => Add(scope, at, RollupFields.RatingSum, score, RollupFields.Ratings);

    /// <summary>Adds <paramref name="value"/> to one field and 1 to the counting field, if any.</summary>
    private void Add(string device, DateTimeOffset at, string field, double value, string? count = null)
    {
        if (at < from || at >= to)
            return;
        var key = (HourClock.HourOf(at), device);
        if (!_hours.TryGetValue(key, out var totals))
            _hours[key] = totals = new RollupTotals().Touch(RollupFields.Office);
        totals.Add(field, value);
        if (count is not null)
            totals.Add(count, 1);
    }
}

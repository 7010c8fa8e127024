namespace OpsCenter.Server.Kpis;

/// <summary>
/// The offices' counted outcomes: per (city day, area) totals for "today" and "month to date", and the individual waits
/// and service times of the last hour (a sliding window on event time). Every outcome lands in the day of its own
/// timestamp, so a late one fills the day it belongs to, not today.
/// </summary>
public sealed class OfficeTally(CityCalendar calendar) : IOfficeOutcomes
{
    /// <summary>This month and the one before are all any KPI reads; older days are dropped.</summary>
    private static readonly TimeSpan KeepDays = TimeSpan.FromDays(62);

    public static readonly TimeSpan LastHour = TimeSpan.FromHours(1);

    private readonly Dictionary<(DateOnly Day, string Area), OfficeDayTotals> _days = [];
    private readonly List<RecentDuration> _recent = [];

    public void RecordWait(string area, DateTimeOffset calledAt, double minutes)
    {
        Day(area, calledAt).AddWait(minutes);
        _recent.Add(new RecentDuration(area, calledAt, minutes, IsWait: true));
    }

    public void RecordService(string area, DateTimeOffset servedAt, double minutes)
    {
        Day(area, servedAt).AddService(minutes);
        _recent.Add(new RecentDuration(area, servedAt, minutes, IsWait: false));
    }

    public void RecordServed(string area, DateTimeOffset at) => Day(area, at).AddServed();

    public void RecordNoShow(string area, DateTimeOffset at) => Day(area, at).AddNoShow();

    public void RecordCaseReceived(string area, DateTimeOffset at, bool online) => Day(area, at).AddCaseReceived(online);

    public void RecordCaseResolved(string area, DateTimeOffset at, bool onTime, TimeSpan processing) => Day(area, at).AddCaseResolved(onTime);

    public void RecordRating(string area, DateTimeOffset at, long score) => Day(area, at).AddRating(score);

    /// <summary>The office KPIs as of <paramref name="now"/>, for one area or (null) the whole city.</summary>
    public OfficeFigures Figures(string? area, DateTimeOffset now)
    {
        var today = calendar.DayOf(now);
        var month = CityCalendar.MonthOf(today);
        var day = new OfficeDayTotals();
        var monthToDate = new OfficeDayTotals();
        foreach (var ((d, a), totals) in _days)
        {
            if (area is not null && a != area)
                continue;
            if (d == today)
                day.Add(totals);
            if (CityCalendar.MonthOf(d) == month && d <= today)
                monthToDate.Add(totals);
        }
        double waitSum = 0, waits = 0, serviceSum = 0, services = 0;
        var since = now - LastHour;
        foreach (var r in _recent)
        {
            if (r.At <= since || r.At > now || (area is not null && r.Area != area))
                continue;
            if (r.IsWait)
                (waitSum, waits) = (waitSum + r.Minutes, waits + 1);
            else
                (serviceSum, services) = (serviceSum + r.Minutes, services + 1);
        }
        return new OfficeFigures(
            KpiRounding.Mean(waitSum, waits), KpiRounding.Mean(day.WaitMinutes, day.Waits),
            KpiRounding.Mean(serviceSum, services), KpiRounding.Mean(day.ServiceMinutes, day.Services),
            KpiRounding.Ratio(day.NoShows, day.NoShows + day.Served),
            KpiRounding.Ratio(day.CasesReceivedOnline, day.CasesReceived),
            KpiRounding.Ratio(day.CasesResolvedOnTime, day.CasesResolved),
            KpiRounding.Ratio(monthToDate.CasesResolvedOnTime, monthToDate.CasesResolved),
            KpiRounding.Mean(day.RatingPoints, day.Ratings, 2));
    }

    public void Prune(DateTimeOffset now)
    {
        // Only by event time: a duration stamped a little ahead (Ingest allows 5 minutes) stays until its hour has passed.
        var since = now - LastHour;
        _recent.RemoveAll(r => r.At <= since);
        var oldest = calendar.DayOf(now - KeepDays);
        foreach (var key in _days.Keys.Where(k => k.Day < oldest).ToList())
            _days.Remove(key);
    }

    private OfficeDayTotals Day(string area, DateTimeOffset at)
    {
        var key = (calendar.DayOf(at), area);
        if (!_days.TryGetValue(key, out var totals))
            _days[key] = totals = new OfficeDayTotals();
        return totals;
    }

    private readonly record struct RecentDuration(string Area, DateTimeOffset At, double Minutes, bool IsWait);
}

/// <summary>The one-stop office KPIs of docs/kpis.md; null where nothing has been measured yet.</summary>
public sealed record OfficeFigures(
    double? AverageWaitMinutesLastHour,
    double? AverageWaitMinutesToday,
    double? AverageServiceMinutesLastHour,
    double? AverageServiceMinutesToday,
    double? NoShowRateToday,
    double? OnlineShareToday,
    double? OnTimeRateToday,
    double? OnTimeRateMonth,
    double? SatisfactionToday);

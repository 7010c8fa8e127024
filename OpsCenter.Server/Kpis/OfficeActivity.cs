using OpsCenter.Contracts.Ingestion.Readings;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// The one-stop offices' events folded into their KPIs: tickets joined into waits and service times, cases into
/// on-time resolution, ratings into satisfaction (<see cref="OfficeJoins"/>), counted per city day and area. Not
/// thread-safe: <see cref="KpiEngine"/> holds the lock.
/// </summary>
public sealed class OfficeActivity
{
    private readonly OfficeTally _tally;
    private readonly OfficeJoins _joins;

    public OfficeActivity(CityCalendar calendar)
    {
        _tally = new OfficeTally(calendar);
        _joins = new OfficeJoins(_tally);
    }

    public int OpenTickets => _joins.OpenTickets;

    public int OpenCases => _joins.OpenCases;

    /// <param name="area">The office's area ("" when the device is not in the inventory: it still counts city-wide).</param>
    public void Apply(CounterEventReading e, string area) => _joins.Apply(e, area);

    public OfficeFigures Figures(string? area, DateTimeOffset now) => _tally.Figures(area, now);

    public void Prune(DateTimeOffset now)
    {
        _tally.Prune(now);
        _joins.Prune(now);
    }
}

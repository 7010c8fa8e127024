namespace OpsCenter.Server.Kpis;

/// <summary>
/// Where <see cref="TicketTrails"/> and <see cref="CaseLedger"/> put what their joins found. The live KPIs count per
/// (city day, area) in <see cref="OfficeTally"/>; the leaders' rollups count the same joins per (hour, office device),
/// so both read one join and a figure means the same on the wall and in a report.
/// </summary>
/// <remarks><c>scope</c> is whatever the owner groups by: an area for the live KPIs, a device id for the rollups.</remarks>
public interface IOfficeOutcomes
{
    void RecordWait(string scope, DateTimeOffset calledAt, double minutes);

    void RecordService(string scope, DateTimeOffset servedAt, double minutes);

    void RecordServed(string scope, DateTimeOffset at);

    void RecordNoShow(string scope, DateTimeOffset at);

    void RecordCaseReceived(string scope, DateTimeOffset at, bool online);

    /// <param name="processing">From receipt to resolution.</param>
    void RecordCaseResolved(string scope, DateTimeOffset at, bool onTime, TimeSpan processing);

    void RecordRating(string scope, DateTimeOffset at, long score);
}

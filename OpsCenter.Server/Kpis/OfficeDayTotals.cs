namespace OpsCenter.Server.Kpis;

/// <summary>What one area's offices did on one city day; sums, so days and areas add up to months and the city.</summary>
public sealed class OfficeDayTotals
{
    public long Waits { get; private set; }
    public double WaitMinutes { get; private set; }
    public long Services { get; private set; }
    public double ServiceMinutes { get; private set; }
    public long Served { get; private set; }
    public long NoShows { get; private set; }
    public long CasesReceived { get; private set; }
    public long CasesReceivedOnline { get; private set; }
    public long CasesResolved { get; private set; }
    public long CasesResolvedOnTime { get; private set; }
    public long Ratings { get; private set; }
    public long RatingPoints { get; private set; }

    public void AddWait(double minutes) { Waits++; WaitMinutes += minutes; }

    public void AddService(double minutes) { Services++; ServiceMinutes += minutes; }

    public void AddServed() => Served++;

    public void AddNoShow() => NoShows++;

    public void AddCaseReceived(bool online) { CasesReceived++; if (online) CasesReceivedOnline++; }

    public void AddCaseResolved(bool onTime) { CasesResolved++; if (onTime) CasesResolvedOnTime++; }

    public void AddRating(long score) { Ratings++; RatingPoints += score; }

    public void Add(OfficeDayTotals other)
    {
        Waits += other.Waits; WaitMinutes += other.WaitMinutes;
        Services += other.Services; ServiceMinutes += other.ServiceMinutes;
        Served += other.Served; NoShows += other.NoShows;
        CasesReceived += other.CasesReceived; CasesReceivedOnline += other.CasesReceivedOnline;
        CasesResolved += other.CasesResolved; CasesResolvedOnTime += other.CasesResolvedOnTime;
        Ratings += other.Ratings; RatingPoints += other.RatingPoints;
    }
}

namespace OpsCenter.Server.Kpis;

/// <summary>The KPI names of docs/kpis.md, as live views publish them (<c>kpi.{name}</c>, <c>area.{areaId}.{name}</c>).</summary>
public static class KpiNames
{
    public const string CamerasTotal = "camerasTotal";
    public const string CamerasOnline = "camerasOnline";
    public const string CamerasRecording = "camerasRecording";
    public const string DetectorsReporting = "detectorsReporting";
    public const string TrafficVolumePerHour = "trafficVolumePerHour";
    public const string AverageSpeedKmh = "averageSpeedKmh";
    public const string OccupancyPercent = "occupancyPercent";
    public const string CongestionIndex = "congestionIndex";
    public const string CongestedDetectors = "congestedDetectors";
    public const string PeopleWaiting = "peopleWaiting";
    public const string OfficesOpen = "officesOpen";
    public const string AverageWaitMinutesLastHour = "averageWaitMinutesLastHour";
    public const string AverageWaitMinutesToday = "averageWaitMinutesToday";
    public const string AverageServiceMinutesLastHour = "averageServiceMinutesLastHour";
    public const string AverageServiceMinutesToday = "averageServiceMinutesToday";
    public const string NoShowRateToday = "noShowRateToday";
    public const string OnlineShareToday = "onlineShareToday";
    public const string OnTimeRateToday = "onTimeRateToday";
    public const string OnTimeRateMonth = "onTimeRateMonth";
    public const string SatisfactionToday = "satisfactionToday";
    public const string ReadingsStored = "readingsStored";

    public static readonly IReadOnlyList<string> All =
    [
        CamerasTotal, CamerasOnline, CamerasRecording, DetectorsReporting, TrafficVolumePerHour, AverageSpeedKmh,
        OccupancyPercent, CongestionIndex, CongestedDetectors, PeopleWaiting, OfficesOpen, AverageWaitMinutesLastHour,
        AverageWaitMinutesToday, AverageServiceMinutesLastHour, AverageServiceMinutesToday, NoShowRateToday,
        OnlineShareToday, OnTimeRateToday, OnTimeRateMonth, SatisfactionToday, ReadingsStored,
    ];
}

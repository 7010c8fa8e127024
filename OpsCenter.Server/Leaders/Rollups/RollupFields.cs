namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The rollups' measurements and fields. Every field is an additive component (a sum or a count), never a ratio, so
/// hours add up to days and days to weeks and months, and devices to areas and the city, exactly; each indicator is
/// a ratio of sums taken when it is read (docs/kpis.md, "Leaders' indicators").
/// </summary>
public static class RollupFields
{
    /// <summary>Tags <c>device</c>, <c>area</c> (inventory), <c>kind</c>.</summary>
    public const string DeviceMeasurement = "rollup_device";

    /// <summary>Tag <c>area</c>: the sum of its devices' points.</summary>
    public const string AreaMeasurement = "rollup_area";

    // Cameras: minutes the camera's newest telemetry said online, of the minutes it was expected to (every minute).
    public const string CameraOnlineMinutes = "cameraOnlineMinutes";
    public const string CameraExpectedMinutes = "cameraExpectedMinutes";

    // Traffic: per detector-minute, the mean speed over its lanes; minutes it was congested.
    public const string SpeedSum = "speedSum";
    public const string SpeedMinutes = "speedMinutes";
    public const string CongestedMinutes = "congestedMinutes";

    // Offices: the joins of docs/kpis.md, each counted in the hour of the event that completes it.
    public const string WaitSecondsSum = "waitSecondsSum";
    public const string Waits = "waits";
    public const string ServiceSecondsSum = "serviceSecondsSum";
    public const string Services = "services";
    public const string Served = "served";
    public const string NoShows = "noShows";
    public const string CasesReceived = "casesReceived";
    public const string CasesOnline = "casesOnline";
    public const string CasesResolved = "casesResolved";
    public const string CasesOnTime = "casesOnTime";
    public const string ProcessingSecondsSum = "processingSecondsSum";
    public const string RatingSum = "ratingSum";
    public const string Ratings = "ratings";

    public static readonly IReadOnlyList<string> Camera = [CameraOnlineMinutes, CameraExpectedMinutes];

    public static readonly IReadOnlyList<string> Traffic = [SpeedSum, SpeedMinutes, CongestedMinutes];

    public static readonly IReadOnlyList<string> Office =
    [
        WaitSecondsSum, Waits, ServiceSecondsSum, Services, Served, NoShows, CasesReceived, CasesOnline,
        CasesResolved, CasesOnTime, ProcessingSecondsSum, RatingSum, Ratings,
    ];

    public static readonly IReadOnlyList<string> All = [.. Camera, .. Traffic, .. Office];
}

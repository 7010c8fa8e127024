using System.ComponentModel.DataAnnotations;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Settings section <c>Rollups</c>: the rollups' retention policies (the raw one is <c>Influx:RawRetention</c>), their
/// recurring jobs and how a failed run is retried. See docs/rollups.md.
/// </summary>
public sealed class RollupOptions
{
    public const string Section = "Rollups";

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Rollups:HourlyPolicy must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string HourlyPolicy { get; set; } = "hourly";

    [Required, RegularExpression(RetentionDuration.Pattern, ErrorMessage = "Rollups:HourlyRetention must be INF or a number followed by h, d or w (e.g. 365d).")]
    public string HourlyRetention { get; set; } = "365d";

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Rollups:DailyPolicy must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string DailyPolicy { get; set; } = "daily";

    [Required, RegularExpression(RetentionDuration.Pattern, ErrorMessage = "Rollups:DailyRetention must be INF or a number followed by h, d or w.")]
    public string DailyRetention { get; set; } = "INF";

    /// <summary>
    /// Cron (UTC) of the recent run: the current and the previous hour, the hours late data touched, and their days.
    /// Every 5 minutes by default, so today's trend on the leaders' dashboard is at most that old.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string RecentCron { get; set; } = "*/5 * * * *";

    /// <summary>
    /// Cron, in the city's time zone, of the sweep that recomputes the last <see cref="SweepDays"/> days whole: late data
    /// stored while no Server was there to mark its hour, and case resolutions whose receipt arrived after them.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string SweepCron { get; set; } = "30 1 * * *";

    /// <summary>The device contract accepts readings up to 7 days old; the sweep and the marks reach that far.</summary>
    [Range(1, 30)]
    public int SweepDays { get; set; } = 7;

    /// <summary>Retries of a failed run (Hangfire's AutomaticRetry) before it stays Failed on the dashboard.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Seconds before each retry (the last value repeats).</summary>
    [Required, MinLength(1)]
    public int[] RetryDelaysSeconds { get; set; } = [60, 300, 900];

    /// <summary>How often this Server writes the hours late readings touched to PostgreSQL.</summary>
    [Range(1, 300)]
    public int MarkFlushSeconds { get; set; } = 5;
}

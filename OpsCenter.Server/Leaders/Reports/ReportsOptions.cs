using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Settings section <c>Reports</c>: when the scheduled reports run and where their font comes from.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Cron in the city's time zone (the inventory's, Asia/Ho_Chi_Minh): every day at 07:00, covering yesterday.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reports:DailyCron is required (e.g. \"0 7 * * *\").")]
    public string DailyCron { get; set; } = "0 7 * * *";

    /// <summary>Cron in the city's time zone: Mondays at 07:30, covering the previous Monday to Sunday.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reports:WeeklyCron is required (e.g. \"30 7 * * 1\").")]
    public string WeeklyCron { get; set; } = "30 7 * * 1";

    /// <summary>
    /// Cron (UTC): how often a new installation checks whether its first daily report can be made. Every minute: at the
    /// rollups' own five minutes it ran beside the very run that completes yesterday, missed it, and waited five more
    /// (the first report came ~14 minutes after a fresh start). Once a daily report exists a check is one query.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reports:FirstDailyCron is required (e.g. \"* * * * *\").")]
    public string FirstDailyCron { get; set; } = "* * * * *";

    /// <summary>Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are (Debian's fonts-dejavu-core): every Vietnamese diacritic.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reports:FontFolder is required (the folder of DejaVuSans.ttf).")]
    public string FontFolder { get; set; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The longest range a leader may ask for at once; longer ones would hold a request for minutes.</summary>
    [Range(1, 3660, ErrorMessage = "Reports:MaxDays must be between 1 and 3660.")]
    public int MaxDays { get; set; } = 366;
}

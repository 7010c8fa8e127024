using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Jobs;

/// <summary>Settings section <c>Jobs</c>: Hangfire's workers and the schedules of recurring jobs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The jobs are short database sweeps; a couple of workers per Server is plenty on shared cores.</summary>
    [Range(1, 20, ErrorMessage = "Jobs:WorkerCount must be between 1 and 20.")]
    public int WorkerCount { get; set; } = 2;

    /// <summary>Cron (5 or 6 fields, UTC) of the SLA escalation; every minute by default.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Jobs:SlaEscalationCron is required (e.g. \"0 * * * * *\").")]
    public string SlaEscalationCron { get; set; } = "0 * * * * *";
}

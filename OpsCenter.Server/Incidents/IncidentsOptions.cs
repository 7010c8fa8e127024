using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Incidents;

/// <summary>Settings section <c>Incidents</c>: storm control and grouping.</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>New incidents one area may open per minute before the rest are filed under one storm summary.</summary>
    [Range(1, 10_000, ErrorMessage = "Incidents:StormCapPerAreaPerMinute must be between 1 and 10000.")]
    public int StormCapPerAreaPerMinute { get; set; } = 20;

    /// <summary>A new incident of the same type in the same area within this many minutes is filed under the first.</summary>
    [Range(0, 24 * 60, ErrorMessage = "Incidents:GroupingWindowMinutes must be between 0 (no grouping) and 1440.")]
    public int GroupingWindowMinutes { get; set; } = 5;
}

using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.CitizenReports;

/// <summary>Settings section <c>CitizenReports</c>.</summary>
public sealed class CitizenReportsOptions
{
    public const string Section = "CitizenReports";

    /// <summary>
    /// The city's intake systems a submission's <c>source</c> must name (e.g. <c>app</c>, <c>hotline1022</c>,
    /// <c>portal</c>). Empty: any 1-64 characters of text.
    /// </summary>
    [MaxLength(100, ErrorMessage = "CitizenReports:SourceSystems may name at most 100 systems.")]
    public List<string> SourceSystems { get; set; } = [];
}

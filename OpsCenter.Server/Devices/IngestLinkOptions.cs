using System.ComponentModel.DataAnnotations;
using OpsCenter.ServiceDefaults.Telemetry;

namespace OpsCenter.Server.Devices;

/// <summary>Settings section <c>Ingest</c>: where the Server reaches Ingest's API (dead letters live only there).</summary>
public sealed class IngestLinkOptions
{
    public const string Section = "Ingest";

    [Required(ErrorMessage = "Ingest:Url is required: Ingest's base URL, e.g. http://127.0.0.1:5081.")]
    [HttpUrl(ErrorMessage = "Ingest:Url must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:5081.")]
    public string Url { get; set; } = "";

    /// <summary>A console waiting on a hung Ingest is worse than a clear "unavailable" message.</summary>
    [Range(1, 120, ErrorMessage = "Ingest:TimeoutSeconds must be between 1 and 120.")]
    public int TimeoutSeconds { get; set; } = 10;
}

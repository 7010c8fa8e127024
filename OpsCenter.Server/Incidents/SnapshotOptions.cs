using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Incidents;

/// <summary>Settings section <c>Snapshots</c>: where the Server may fetch camera pictures from, and how much of them.</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";

    /// <summary>
    /// Hosts (<c>nvr.example</c>) or host:port pairs (<c>10.0.0.5:8080</c>) the Server fetches snapshots from, besides a
    /// camera's own <c>snapshotHost</c> inventory attribute. Empty: only those attributes.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    [Range(1, 60, ErrorMessage = "Snapshots:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 5;

    [Range(1024, 20 * 1024 * 1024, ErrorMessage = "Snapshots:MaxBytes must be between 1 KiB and 20 MiB.")]
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;
}

using System.Text.Json.Serialization;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// An <c>incidents</c> row as Dapper reads it: properties named after the columns, set by name, so column order does
/// not matter. Serialised as is by the API (camelCase), so it is also the incident's read view.
/// </summary>
public sealed class IncidentRow
{
    public long Id { get; init; }
    public string SourceId { get; init; } = "";
    public string Type { get; init; } = "";
    public string Category { get; init; } = "";
    public string Severity { get; init; } = "";
    public string? AreaId { get; init; }
    public string Status { get; init; } = "";
    public string Summary { get; init; } = "";
    [JsonIgnore]
    public Jsonb? Detail { get; init; }

    /// <summary>The signal's detail (name → value), as the API shows it.</summary>
    [JsonPropertyName("detail")]
    public IReadOnlyDictionary<string, string>? DetailValues => Detail?.Deserialize<Dictionary<string, string>>();

    /// <summary>
    /// Never sent to browsers: it points into field networks and often carries an NVR token. The console fetches the
    /// picture through <c>GET /api/incidents/{id}/snapshot</c>, told only that there is one.
    /// </summary>
    [JsonIgnore]
    public string? SnapshotUrl { get; init; }

    public bool HasSnapshot => SnapshotUrl is not null;
    public string? RuleId { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public int Occurrences { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
    public DateTimeOffset? ClearedAt { get; init; }
    public string? Assignee { get; init; }
    public long? ParentId { get; init; }
    public bool IsStormSummary { get; init; }
    public bool Silenced { get; init; }
    public int Version { get; init; }
    public DateTimeOffset? AckDueAt { get; init; }
    public DateTimeOffset? ResolveDueAt { get; init; }
    public DateTimeOffset? EscalatedAckAt { get; init; }
    public DateTimeOffset? EscalatedResolveAt { get; init; }
    public int EscalationLevel { get; init; }

    /// <summary>The SLA policy of its first opening, as durations: a reopen counts fresh deadlines with these.</summary>
    [JsonIgnore]
    public TimeSpan? AckWithin { get; init; }
    [JsonIgnore]
    public TimeSpan? ResolveWithin { get; init; }
}

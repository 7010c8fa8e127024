namespace OpsCenter.Server.Incidents;

/// <summary>
/// Something the control room acts on. Opened by <see cref="IncidentIntake"/> (which de-duplicates in PostgreSQL), then
/// changed only through its own guarded methods (<c>Incident.Lifecycle.cs</c>); the store loads and saves it.
/// </summary>
public sealed partial class Incident
{
    private readonly List<IncidentChange> _changes = [];

    internal Incident(IncidentRow row)
    {
        Id = row.Id;
        SourceId = row.SourceId;
        Type = row.Type;
        Category = row.Category;
        Severity = row.Severity;
        AreaId = row.AreaId;
        Status = IncidentStatusNames.Parse(row.Status);
        Summary = row.Summary;
        OpenedAt = row.OpenedAt;
        LastSeenAt = row.LastSeenAt;
        Occurrences = row.Occurrences;
        AcknowledgedAt = row.AcknowledgedAt;
        AcknowledgedBy = row.AcknowledgedBy;
        StartedAt = row.StartedAt;
        StartedBy = row.StartedBy;
        ResolvedAt = row.ResolvedAt;
        ResolvedBy = row.ResolvedBy;
        ClosedAt = row.ClosedAt;
        ClosedBy = row.ClosedBy;
        ClearedAt = row.ClearedAt;
        Assignee = row.Assignee;
        ParentId = row.ParentId;
        IsStormSummary = row.IsStormSummary;
        Silenced = row.Silenced;
        Version = row.Version;
        AckDueAt = row.AckDueAt;
        ResolveDueAt = row.ResolveDueAt;
        EscalatedAckAt = row.EscalatedAckAt;
        EscalatedResolveAt = row.EscalatedResolveAt;
        AckWithin = row.AckWithin;
        ResolveWithin = row.ResolveWithin;
    }

    public long Id { get; }
    public string SourceId { get; }
    public string Type { get; }
    public string Category { get; }
    public string Severity { get; private set; }
    public string? AreaId { get; }
    public IncidentStatus Status { get; private set; }
    public string Summary { get; }
    public DateTimeOffset OpenedAt { get; }
    public DateTimeOffset LastSeenAt { get; }
    public int Occurrences { get; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public string? StartedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }
    public string? Assignee { get; private set; }
    public long? ParentId { get; }
    public bool IsStormSummary { get; }
    public bool Silenced { get; }

    /// <summary>
    /// SLA deadlines, fixed when it opened (<c>Incidents/Sla</c>) and counted afresh when it is reopened; null when its
    /// severity had none.
    /// </summary>
    public DateTimeOffset? AckDueAt { get; private set; }
    public DateTimeOffset? ResolveDueAt { get; private set; }
    public DateTimeOffset? EscalatedAckAt { get; private set; }
    public DateTimeOffset? EscalatedResolveAt { get; private set; }

    /// <summary>The policy in force when it first opened, as durations (null: no such deadline).</summary>
    public TimeSpan? AckWithin { get; }
    public TimeSpan? ResolveWithin { get; }

    /// <summary>The version this incident was loaded at; the store saves only if nobody changed it since.</summary>
    public int Version { get; }

    /// <summary>What changed since it was loaded, oldest first: the store appends these to the trail with the change.</summary>
    public IReadOnlyList<IncidentChange> Changes => _changes;
}

namespace OpsCenter.Server.Incidents;

/// <summary>
/// Filters of the incident list; null means "any". <see cref="ActiveOnly"/> is what wall feeds show: open,
/// acknowledged or in progress, and not silenced by a maintenance window.
/// </summary>
public sealed record IncidentQuery(
    IReadOnlyList<string>? Statuses = null,
    string? Severity = null,
    string? AreaId = null,
    string? Category = null,
    bool UnacknowledgedOnly = false,
    bool ActiveOnly = false,
    bool TopLevelOnly = false,
    long? ParentId = null,
    int Page = 1,
    int PageSize = 50);

public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, long Total, int Page, int PageSize);

/// <summary>An incident with its whole audit trail, oldest first, and how many incidents are filed under it.</summary>
public sealed record IncidentDetail(IncidentRow Incident, IReadOnlyList<IncidentEventRow> Trail, long Children);

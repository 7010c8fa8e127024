namespace OpsCenter.Server.Incidents;

/// <summary>
/// Where detectors of trouble (the rule engine, citizen reports) hand what they found. The incidents feature owns what
/// happens next: one active incident per (source, type), occurrence counts, storm grouping, maintenance silencing.
/// Implementations must be safe to call from several Servers at once: de-duplication is PostgreSQL's job, not the caller's.
/// </summary>
public interface IIncidentSink
{
    /// <summary>A condition holds (or an event happened): opens an incident, or counts one more occurrence of the active one.</summary>
    Task RaiseAsync(IncidentSignal signal, CancellationToken cancellationToken);

    /// <summary>The condition that raised (source, type) no longer holds (after its hold-before-clear time).</summary>
    Task ClearAsync(IncidentClear clear, CancellationToken cancellationToken);
}

/// <param name="SourceId">What the incident is about: a device id, a road segment, an office, a citizen report id.</param>
/// <param name="Type">What is wrong, e.g. <c>congestion</c>, <c>deviceOffline</c>, <c>tamper</c>, <c>accident</c>, <c>backlog</c>.</param>
/// <param name="Severity">One of <see cref="IncidentSeverities"/>.</param>
/// <param name="Category">One of <see cref="IncidentCategories"/>.</param>
/// <param name="At">When it happened (device time for readings and events).</param>
/// <param name="RuleId">The rule that raised it, when a rule did.</param>
/// <param name="Summary">One line for the console and the wall ticker, no personal data.</param>
/// <param name="SnapshotUrl">A camera event's picture, fetched only through the Server's allow-list.</param>
public sealed record IncidentSignal(
    string SourceId, string Type, string Severity, string Category, string? AreaId, DateTimeOffset At, string? RuleId,
    string Summary, IReadOnlyDictionary<string, string>? Detail = null, string? SnapshotUrl = null);

public sealed record IncidentClear(string SourceId, string Type, DateTimeOffset At, string? RuleId);

public static class IncidentSeverities
{
    public const string Critical = "critical";
    public const string Major = "major";
    public const string Minor = "minor";
    public const string Info = "info";
    public static readonly IReadOnlyList<string> All = [Critical, Major, Minor, Info];
}

public static class IncidentCategories
{
    public const string Camera = "camera";
    public const string Traffic = "traffic";
    public const string Office = "office";
    public const string Device = "device";
    public const string Citizen = "citizen";
    public static readonly IReadOnlyList<string> All = [Camera, Traffic, Office, Device, Citizen];
}

namespace OpsCenter.Server.Incidents;

/// <summary>Bodies of the incident changes. Each carries the version the caller saw, so a stale screen cannot overwrite.</summary>
public interface IVersionedChange
{
    int ExpectedVersion { get; }
}

public sealed record VersionedRequest(int ExpectedVersion) : IVersionedChange;

public sealed record ResolveRequest(int ExpectedVersion, string? Note) : IVersionedChange;

public sealed record ReopenRequest(int ExpectedVersion, string? Reason) : IVersionedChange;

public sealed record NoteRequest(int ExpectedVersion, string? Text) : IVersionedChange;

/// <param name="Assignee">Null or blank unassigns.</param>
public sealed record AssignRequest(int ExpectedVersion, string? Assignee) : IVersionedChange;

public sealed record SeverityRequest(int ExpectedVersion, string? Severity) : IVersionedChange;

/// <summary>A refused or conflicting change: why, and (for a conflict) the incident as it now is.</summary>
public sealed record ChangeProblem(string Message, IncidentRow? Current);

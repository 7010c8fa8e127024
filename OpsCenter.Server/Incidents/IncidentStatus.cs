namespace OpsCenter.Server.Incidents;

/// <summary>open → acknowledged → in progress → resolved → closed; resolved and closed may be reopened.</summary>
public enum IncidentStatus
{
    Open,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
}

/// <summary>The names statuses have in the database, the API and the trail (one spelling everywhere).</summary>
public static class IncidentStatusNames
{
    public static string Name(this IncidentStatus status) => status switch
    {
        IncidentStatus.Open => "open",
        IncidentStatus.Acknowledged => "acknowledged",
        IncidentStatus.InProgress => "inProgress",
        IncidentStatus.Resolved => "resolved",
        IncidentStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static IncidentStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new ArgumentException($"'{name}' is not an incident status.", nameof(name));

    public static bool TryParse(string? name, out IncidentStatus status)
    {
        foreach (var candidate in Enum.GetValues<IncidentStatus>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>The statuses the de-duplication index covers: at most one incident per (source, type) among them.</summary>
    public static bool IsActive(this IncidentStatus status) =>
        status is IncidentStatus.Open or IncidentStatus.Acknowledged or IncidentStatus.InProgress;
}

/// <summary>An incident refused a change its lifecycle does not allow; the message says why, for the operator.</summary>
public sealed class IncidentTransitionException(string message) : InvalidOperationException(message);

/// <summary>One line of the audit trail, as the incident records it; the store appends it with the change.</summary>
public sealed record IncidentChange(
    DateTimeOffset At, string Actor, string Action, IncidentStatus? FromStatus, IncidentStatus? ToStatus, string? Note,
    IReadOnlyDictionary<string, string?>? Detail = null);

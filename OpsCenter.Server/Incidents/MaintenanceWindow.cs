namespace OpsCenter.Server.Incidents;

/// <summary>
/// A device or an area silenced for a while (works, a known outage): rules still evaluate and incidents are still
/// recorded, marked <c>silenced</c>, but nothing raised inside the window shows as active on the wall.
/// </summary>
public sealed class MaintenanceWindow
{
    public const string DeviceScope = "device";
    public const string AreaScope = "area";
    public static readonly IReadOnlyList<string> Scopes = [DeviceScope, AreaScope];

    public long Id { get; init; }
    public string Scope { get; init; } = "";
    public string TargetId { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Reason { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string? EndedBy { get; init; }
}

/// <param name="StartsAt">Omitted: now.</param>
public sealed record MaintenanceWindowRequest(string? Scope, string? TargetId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason)
{
    public const int MaxReasonLength = 500;

    /// <summary>Errors keyed by field, in the shape of a validation problem; empty when the request holds.</summary>
    public Dictionary<string, string[]> Check(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (Scope is null || !MaintenanceWindow.Scopes.Contains(Scope))
            errors["scope"] = [$"one of {string.Join(", ", MaintenanceWindow.Scopes)}"];
        if (string.IsNullOrWhiteSpace(TargetId) || TargetId.Length > 200)
            errors["targetId"] = ["the device or area id, 1-200 characters"];
        if (EndsAt is null || EndsAt <= (StartsAt ?? now))
            errors["endsAt"] = ["a time after the start"];
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > MaxReasonLength || Reason.Contains('\0', StringComparison.Ordinal))
            errors["reason"] = [$"1-{MaxReasonLength} characters: why the alarms may be silenced"];
        return errors;
    }
}

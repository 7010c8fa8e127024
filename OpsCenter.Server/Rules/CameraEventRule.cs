using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Camera events (tamper, videoLoss, accident, fire, crowd…) raised at once, each event type with its own incident
/// severity; the incident's type is the event's. Events have no end, so nothing clears: operators close them.
/// </summary>
public sealed record CameraEventRule : RuleDefinition
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => RuleKinds.CameraEvent;

    /// <summary>Event type → incident severity.</summary>
    public Dictionary<string, string> Events { get; init; } = [];

    /// <summary>Events the camera itself rated below this (<c>info</c> … <c>critical</c>) are ignored; null takes all.</summary>
    public string? MinimumReportedSeverity { get; init; }

    public RuleScope Scope { get; init; } = RuleScope.Everywhere;

    protected override bool NeedsIncidentType => false;

    public bool Accepts(string? reportedSeverity) =>
        MinimumReportedSeverity is null || Rank(reportedSeverity) >= Rank(MinimumReportedSeverity);

    /// <summary>Position in the contract's list, which runs from info to critical; unknown ranks lowest.</summary>
    private static int Rank(string? severity)
    {
        for (var i = 0; i < Severities.All.Count; i++)
        {
            if (Severities.All[i] == severity)
                return i;
        }
        return -1;
    }

    protected override void ValidateOwn(RuleErrors errors)
    {
        if (Events.Count == 0)
            errors.Add("events", "name at least one camera event type");
        foreach (var (type, severity) in Events)
        {
            if (!CameraEventTypes.All.Contains(type))
                errors.Add($"events.{type}", $"is not a camera event type: {string.Join(", ", CameraEventTypes.All)}");
            if (!IncidentSeverities.All.Contains(severity))
                errors.Add($"events.{type}", $"severity must be one of {string.Join(", ", IncidentSeverities.All)}");
        }
        if (MinimumReportedSeverity is not null && !Severities.All.Contains(MinimumReportedSeverity))
            errors.Add("minimumReportedSeverity", $"must be one of {string.Join(", ", Severities.All)}");
        Scope.Validate(errors);
    }
}

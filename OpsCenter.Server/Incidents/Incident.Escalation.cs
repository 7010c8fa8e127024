using System.Globalization;
using OpsCenter.Server.Incidents.Sla;

namespace OpsCenter.Server.Incidents;

/// <summary>SLA escalation: a missed deadline raises the severity one step (critical stays critical) and says so in the trail.</summary>
public sealed partial class Incident
{
    /// <summary>The actor of escalations (the SLA job).</summary>
    public const string SlaActor = "system:sla";

    public void Escalate(SlaDeadline missed, DateTimeOffset at)
    {
        var due = missed == SlaDeadline.Acknowledge ? AckDueAt : ResolveDueAt;
        if (due is null || at < due)
            throw Refused("escalated", $"its {missed.Name()} deadline has not passed");
        if (missed == SlaDeadline.Acknowledge && Status != IncidentStatus.Open)
            throw Refused("escalated", "it has been acknowledged");
        if (!Status.IsActive())
            throw Refused("escalated", "it is not active");
        var to = OneStepUp(Severity);
        Record(new IncidentChange(at, SlaActor, "escalated", Status, Status,
            $"Missed the {missed.Name()} deadline ({due.Value.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}).",
            new Dictionary<string, string?>
            {
                ["deadline"] = missed.Name(),
                ["dueAt"] = due.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["from"] = Severity,
                ["to"] = to,
            }));
        Severity = to;
    }

    /// <summary>Whether <paramref name="deadline"/> has passed at <paramref name="now"/> with the work it asks for not done.</summary>
    public bool IsOverdue(SlaDeadline deadline, DateTimeOffset now) => deadline == SlaDeadline.Acknowledge
        ? Status == IncidentStatus.Open && AckDueAt is { } ack && now >= ack && EscalatedAckAt is null
        : Status.IsActive() && ResolveDueAt is { } resolve && now >= resolve && EscalatedResolveAt is null;

    private static string OneStepUp(string severity)
    {
        for (var i = 1; i < IncidentSeverities.All.Count; i++)
        {
            if (IncidentSeverities.All[i] == severity)
                return IncidentSeverities.All[i - 1];
        }
        return severity;
    }
}

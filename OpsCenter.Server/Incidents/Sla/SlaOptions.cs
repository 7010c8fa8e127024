using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Incidents.Sla;

/// <summary>
/// Settings section <c>Incidents:Sla</c>: per severity, how long until an incident must be acknowledged and resolved
/// (<c>Incidents:Sla:critical:AcknowledgeWithinMinutes</c>). An empty value means no deadline. The policy in force when
/// an incident opens is written onto the incident; changing these settings moves no existing deadline.
/// </summary>
public sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Incidents:Sla";
    private const int MaxMinutes = 30 * 24 * 60;

    public SeveritySla Critical { get; set; } = new() { AcknowledgeWithinMinutes = 5, ResolveWithinMinutes = 60 };
    public SeveritySla Major { get; set; } = new() { AcknowledgeWithinMinutes = 15, ResolveWithinMinutes = 240 };
    public SeveritySla Minor { get; set; } = new() { AcknowledgeWithinMinutes = 60, ResolveWithinMinutes = 1440 };
    public SeveritySla Info { get; set; } = new();

    public SeveritySla For(string severity) => severity switch
    {
        IncidentSeverities.Critical => Critical,
        IncidentSeverities.Major => Major,
        IncidentSeverities.Minor => Minor,
        IncidentSeverities.Info => Info,
        _ => throw new ArgumentException($"'{severity}' is not a severity.", nameof(severity)),
    };

    /// <summary>The deadlines an incident of this severity opened at <paramref name="openedAt"/> gets.</summary>
    public (DateTimeOffset? AckDueAt, DateTimeOffset? ResolveDueAt) DeadlinesFor(string severity, DateTimeOffset openedAt)
    {
        var sla = For(severity);
        return (At(openedAt, sla.AcknowledgeWithinMinutes), At(openedAt, sla.ResolveWithinMinutes));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var severity in IncidentSeverities.All)
        {
            var sla = For(severity);
            foreach (var (name, minutes) in new[] { ("AcknowledgeWithinMinutes", sla.AcknowledgeWithinMinutes), ("ResolveWithinMinutes", sla.ResolveWithinMinutes) })
            {
                if (minutes is < 1 or > MaxMinutes)
                    yield return new ValidationResult($"{Section}:{severity}:{name} must be empty (no deadline) or between 1 and {MaxMinutes}.");
            }
            if (sla.AcknowledgeWithinMinutes > sla.ResolveWithinMinutes)
                yield return new ValidationResult($"{Section}:{severity}: AcknowledgeWithinMinutes must not exceed ResolveWithinMinutes.");
        }
    }

    private static DateTimeOffset? At(DateTimeOffset openedAt, int? minutes) => minutes is { } m ? openedAt.AddMinutes(m) : null;
}

public sealed class SeveritySla
{
    public int? AcknowledgeWithinMinutes { get; set; }
    public int? ResolveWithinMinutes { get; set; }
}

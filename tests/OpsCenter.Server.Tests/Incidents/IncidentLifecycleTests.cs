using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Tests.Incidents;

/// <summary>The incident's own rules, without a database: allowed moves, refused ones with a clear message, the trail.</summary>
public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Opened.AddMinutes(5);

    private static Incident Open() => new(new IncidentRow
    {
        Id = 7, SourceId = "cam-1", Type = "tamper", Category = IncidentCategories.Camera, Severity = IncidentSeverities.Major,
        AreaId = "le-chan", Status = "open", Summary = "Camera tampered", OpenedAt = Opened, LastSeenAt = Opened, Occurrences = 1, Version = 1,
    });

    [Fact]
    public void The_whole_way_from_open_to_closed_is_recorded_with_who_and_when()
    {
        var incident = Open();
        incident.Acknowledge("op-1", Later);
        incident.Start("op-1", Later.AddMinutes(1));
        incident.Resolve("op-2", Later.AddMinutes(2), "Cable replaced");
        incident.Close("op-2", Later.AddMinutes(3));

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal(("op-1", Later), (incident.AcknowledgedBy, incident.AcknowledgedAt!.Value));
        Assert.Equal("op-2", incident.ResolvedBy);
        Assert.Equal(["acknowledge", "start", "resolve", "close"], incident.Changes.Select(c => c.Action));
        Assert.Equal("Cable replaced", incident.Changes[2].Note);
        Assert.Equal((IncidentStatus.InProgress, IncidentStatus.Resolved), (incident.Changes[2].FromStatus!.Value, incident.Changes[2].ToStatus!.Value));
    }

    [Fact]
    public void Starting_an_unacknowledged_incident_is_refused_saying_to_acknowledge_first()
    {
        var incident = Open();
        var refused = Assert.Throws<IncidentTransitionException>(() => incident.Start("op-1", Later));
        Assert.Equal("Incident 7 is open and cannot be started: acknowledge it first, so the room knows someone has it.", refused.Message);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Empty(incident.Changes);
    }

    [Fact]
    public void Acknowledging_twice_is_refused()
    {
        var incident = Open();
        incident.Acknowledge("op-1", Later);
        var refused = Assert.Throws<IncidentTransitionException>(() => incident.Acknowledge("op-2", Later));
        Assert.Contains("is acknowledged and cannot be acknowledged", refused.Message, StringComparison.Ordinal);
        Assert.Equal("op-1", incident.AcknowledgedBy);
    }

    [Fact]
    public void Closing_an_active_incident_is_refused()
    {
        Assert.Throws<IncidentTransitionException>(() => Open().Close("op-1", Later));
    }

    [Fact]
    public void An_open_incident_may_be_resolved_directly_as_a_false_alarm()
    {
        var incident = Open();
        incident.Resolve("op-1", Later, "false alarm");
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
    }

    [Fact]
    public void Reopening_needs_a_reason_and_starts_a_new_round()
    {
        var incident = Open();
        incident.Acknowledge("op-1", Later);
        incident.Resolve("op-1", Later, null);
        Assert.Throws<IncidentTransitionException>(() => incident.Reopen("op-2", Later, " "));

        incident.Reopen("op-2", Later.AddMinutes(1), "It is back");

        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Null(incident.AcknowledgedBy);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal("reopen", incident.Changes[^1].Action);
    }

    [Fact]
    public void Reopening_an_active_incident_is_refused()
    {
        Assert.Throws<IncidentTransitionException>(() => Open().Reopen("op-1", Later, "why"));
    }

    [Fact]
    public void A_clear_resolves_an_untaken_incident_by_system_but_leaves_a_taken_one_to_its_operator()
    {
        var untaken = Open();
        untaken.Clear(Later);
        Assert.Equal((IncidentStatus.Resolved, Incident.SystemActor), (untaken.Status, untaken.ResolvedBy!));

        var taken = Open();
        taken.Acknowledge("op-1", Later);
        taken.Clear(Later.AddMinutes(1));
        Assert.Equal(IncidentStatus.Acknowledged, taken.Status);
        Assert.Equal(Later.AddMinutes(1), taken.ClearedAt);
        Assert.Equal("clear", taken.Changes[^1].Action);
    }

    [Fact]
    public void Severity_must_be_known_and_different_and_the_change_is_recorded()
    {
        var incident = Open();
        Assert.Throws<IncidentTransitionException>(() => incident.ChangeSeverity("op-1", Later, "apocalyptic"));
        Assert.Throws<IncidentTransitionException>(() => incident.ChangeSeverity("op-1", Later, IncidentSeverities.Major));

        incident.ChangeSeverity("op-1", Later, IncidentSeverities.Critical);

        Assert.Equal(IncidentSeverities.Critical, incident.Severity);
        Assert.Equal(IncidentSeverities.Major, incident.Changes[^1].Detail!["from"]);
    }

    [Fact]
    public void Assigning_and_notes_are_recorded_and_a_closed_incident_cannot_be_assigned()
    {
        var incident = Open();
        incident.Assign("op-1", Later, "team-b");
        incident.AddNote("op-1", Later, "Called the contractor");
        Assert.Equal("team-b", incident.Assignee);
        Assert.Equal(["assign", "note"], incident.Changes.Select(c => c.Action));
        Assert.Throws<IncidentTransitionException>(() => incident.AddNote("op-1", Later, ""));

        incident.Resolve("op-1", Later, null);
        incident.Close("op-1", Later);
        Assert.Throws<IncidentTransitionException>(() => incident.Assign("op-1", Later, "team-c"));
        incident.AddNote("op-1", Later, "Post-mortem filed");
    }
}

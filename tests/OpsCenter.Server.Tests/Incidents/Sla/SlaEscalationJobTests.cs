using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Tests.Kpis;

namespace OpsCenter.Server.Tests.Incidents.Sla;

/// <summary>
/// The SLA escalation job against the real PostgreSQL with a clock of its own. Incidents open in 2001, so the job's
/// "now" makes only these tests' incidents overdue, never those of other tests (opened years later).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SlaEscalationJobTests(ServerFixture server)
{
    private static readonly DateTimeOffset OpenedAt = new(2001, 3, 4, 5, 6, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_open_incident_past_its_acknowledge_deadline_is_escalated_one_step_with_a_trail_entry()
    {
        var id = await OpenAsync(IncidentSeverities.Major, OpenedAt, new SlaOptions());

        var escalated = await Job(OpenedAt.AddMinutes(16), new SlaOptions()).RunAsync(CancellationToken.None);

        Assert.True(escalated >= 1);
        var detail = (await Store.GetDetailAsync(id, CancellationToken.None))!;
        Assert.Equal(IncidentSeverities.Critical, detail.Incident.Severity);
        Assert.Equal("open", detail.Incident.Status);
        Assert.Equal(1, detail.Incident.EscalationLevel);
        Assert.Equal(OpenedAt.AddMinutes(16), detail.Incident.EscalatedAckAt);
        Assert.Null(detail.Incident.EscalatedResolveAt);
        var entry = Assert.Single(detail.Trail, e => e.Action == "escalated");
        Assert.Equal(Incident.SlaActor, entry.Actor);
        Assert.Contains("acknowledge", entry.Note, StringComparison.Ordinal);
        Assert.Equal(["acknowledge|major|critical"], await Sql(
            $"select detail->>'deadline' || '|' || (detail->>'from') || '|' || (detail->>'to') from incident_events where incident_id = {id} and action = 'escalated'"));
    }

    [Fact]
    public async Task An_incident_within_its_deadlines_is_left_alone()
    {
        var openedAt = OpenedAt.AddDays(1);
        var id = await OpenAsync(IncidentSeverities.Critical, openedAt, new SlaOptions());
        var before = (await Store.GetAsync(id, CancellationToken.None))!;

        await Job(openedAt.AddMinutes(4), new SlaOptions()).RunAsync(CancellationToken.None);

        var after = (await Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal((before.Severity, before.Version, 0), (after.Severity, after.Version, after.EscalationLevel));
        Assert.Null(after.EscalatedAckAt);
    }

    [Fact]
    public async Task Running_twice_escalates_a_missed_deadline_once()
    {
        var openedAt = OpenedAt.AddDays(2);
        var id = await OpenAsync(IncidentSeverities.Minor, openedAt, new SlaOptions());
        var job = Job(openedAt.AddMinutes(61), new SlaOptions());

        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        // Two runs at once, as two Servers' workers would: the atomic claim lets one of them escalate.
        await Task.WhenAll(job.RunAsync(CancellationToken.None), job.RunAsync(CancellationToken.None));

        Assert.Equal(["1|major|1"], await Sql(
            $"select (select count(*) from incident_events where incident_id = {id} and action = 'escalated') || '|' || severity || '|' || escalation_level from incidents where id = {id}"));
    }

    [Fact]
    public async Task Missing_the_resolve_deadline_after_an_acknowledgement_escalates_again_and_critical_stays_critical()
    {
        var openedAt = OpenedAt.AddDays(3);
        var id = await OpenAsync(IncidentSeverities.Critical, openedAt, new SlaOptions());
        var incident = (await Store.LoadAsync(id, CancellationToken.None))!;
        incident.Acknowledge("test-operator", openedAt.AddMinutes(2));
        Assert.Equal(SaveOutcome.Saved, await Store.SaveAsync(incident, CancellationToken.None));

        await Job(openedAt.AddMinutes(61), new SlaOptions()).RunAsync(CancellationToken.None);

        Assert.Equal(["acknowledged|critical|1|false|true"], await Sql(
            $"select status || '|' || severity || '|' || escalation_level || '|' || (escalated_ack_at is not null) || '|' || (escalated_resolve_at is not null) from incidents where id = {id}"));
        Assert.Equal(["resolve|critical|critical"], await Sql(
            $"select detail->>'deadline' || '|' || (detail->>'from') || '|' || (detail->>'to') from incident_events where incident_id = {id} and action = 'escalated'"));
    }

    [Fact]
    public async Task A_policy_change_after_opening_moves_no_deadline()
    {
        var openedAt = OpenedAt.AddDays(4);
        var id = await OpenAsync(IncidentSeverities.Critical, openedAt, new SlaOptions());
        var laxer = new SlaOptions { Critical = new SeveritySla { AcknowledgeWithinMinutes = 500, ResolveWithinMinutes = 1000 } };

        await Job(openedAt.AddMinutes(6), laxer).RunAsync(CancellationToken.None);

        var row = (await Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(openedAt.AddMinutes(5), row.AckDueAt);
        Assert.Equal(openedAt.AddMinutes(60), row.ResolveDueAt);
        Assert.Equal(1, row.EscalationLevel);
    }

    [Fact]
    public async Task Rows_without_deadlines_get_them_from_the_policy_counted_from_opening_and_info_gets_none()
    {
        var openedAt = OpenedAt.AddDays(5);
        var minor = await OpenAsync(IncidentSeverities.Minor, openedAt, new SlaOptions());
        var info = await OpenAsync(IncidentSeverities.Info, openedAt, new SlaOptions());
        // As a row from before the SLA migration (or a storm summary) is.
        await Sql($"update incidents set ack_due_at = null, resolve_due_at = null, sla_fixed = false where id in ({minor}, {info})");

        await Job(openedAt.AddMinutes(1), new SlaOptions()).RunAsync(CancellationToken.None);

        Assert.Equal([$"{minor}|2001-03-09 06:06:00|2001-03-10 05:06:00|true", $"{info}|||true"], await Sql($"""
            select id || '|' || coalesce((ack_due_at at time zone 'UTC')::text, '') || '|' || coalesce((resolve_due_at at time zone 'UTC')::text, '') || '|' || sla_fixed
            from incidents where id in ({minor}, {info}) order by id
            """));
    }

    [Fact]
    public void The_default_policy_is_critical_5_60_major_15_240_minor_60_1440_info_none_and_validation_refuses_nonsense()
    {
        var policy = new SlaOptions();
        Assert.Equal(
            [(5, 60), (15, 240), (60, 1440), (null, null)],
            IncidentSeverities.All.Select(s => (policy.For(s).AcknowledgeWithinMinutes, policy.For(s).ResolveWithinMinutes)).ToList<(int?, int?)>());
        var wrong = new SlaOptions { Major = new SeveritySla { AcknowledgeWithinMinutes = 300, ResolveWithinMinutes = 0 } };
        var errors = wrong.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(wrong)).Select(e => e.ErrorMessage).ToList();
        Assert.Contains(errors, e => e!.Contains("Incidents:Sla:major:ResolveWithinMinutes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("must not exceed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_incident_refuses_an_escalation_before_its_deadline_or_of_an_acknowledge_deadline_it_met()
    {
        Incident Open(string status) => new(new IncidentRow
        {
            Id = 1, SourceId = "s", Type = "t", Category = IncidentCategories.Camera, Severity = IncidentSeverities.Minor,
            Status = status, Summary = "x", OpenedAt = OpenedAt, LastSeenAt = OpenedAt, Version = 1,
            AckDueAt = OpenedAt.AddMinutes(60), ResolveDueAt = OpenedAt.AddMinutes(1440),
        });

        Assert.Throws<IncidentTransitionException>(() => Open("open").Escalate(SlaDeadline.Acknowledge, OpenedAt.AddMinutes(59)));
        Assert.Throws<IncidentTransitionException>(() => Open("acknowledged").Escalate(SlaDeadline.Acknowledge, OpenedAt.AddMinutes(61)));
        Assert.Throws<IncidentTransitionException>(() => Open("resolved").Escalate(SlaDeadline.Resolve, OpenedAt.AddDays(2)));
        var late = Open("inProgress");
        late.Escalate(SlaDeadline.Resolve, OpenedAt.AddDays(2));
        Assert.Equal(IncidentSeverities.Major, late.Severity);
        Assert.Equal(("escalated", Incident.SlaActor, "resolve"), (late.Changes[0].Action, late.Changes[0].Actor, late.Changes[0].Detail!["deadline"]));
    }

    private readonly SlaRig _rig = new(server);

    private IncidentStore Store => _rig.Store;

    private Task<long> OpenAsync(string severity, DateTimeOffset at, SlaOptions policy) => _rig.OpenAsync("sla", severity, at, policy);

    private SlaEscalationJob Job(DateTimeOffset now, SlaOptions policy) => _rig.Job(new ManualClock(now), policy);

    private Task<string[]> Sql(string sql) => _rig.Sql(sql);
}

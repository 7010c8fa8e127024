using OpsCenter.Server.Rules;
using OpsCenter.Server.Tests.Kpis;
using static OpsCenter.Server.Tests.Rules.RuleRig;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>Offline, camera event, office backlog and case-at-risk rules, on a clock the test moves.</summary>
public sealed class EventAndOfficeRuleTests
{
    private static readonly OfflineRule CameraOffline = new()
    {
        Id = "camera-offline", Name = "Camera offline", Severity = "major", Category = "device", IncidentType = "deviceOffline",
        DeviceKind = "camera", Seconds = 120,
    };

    private static readonly CameraEventRule Analytics = new()
    {
        Id = "camera-analytics", Name = "Camera analytics", Severity = "critical", Category = "camera",
        Events = new() { ["accident"] = "critical", ["crowd"] = "major", ["tamper"] = "major" }, MinimumReportedSeverity = "minor",
    };

    private static readonly OfficeBacklogRule Backlog = new()
    {
        Id = "office-backlog", Name = "Backlog", Severity = "minor", Category = "office", IncidentType = "backlog",
        MaxWaiting = 30, MaxAverageWaitMinutes = 20, OverLastReadings = 3, HoldBeforeClearSeconds = 60,
    };

    private static readonly CaseAtRiskRule CaseAtRisk = new()
    {
        Id = "case-at-risk", Name = "Case at risk", Severity = "minor", Category = "office", IncidentType = "caseAtRisk", MarginMinutes = 60,
    };

    [Fact]
    public void A_device_offline_longer_than_the_limit_raises_once_and_clears_when_back()
    {
        var rig = new RuleRig(CameraOffline);
        rig.Liveness("cam-a-1", "camera", "offline", Start);
        rig.Tick(Start.AddSeconds(119));
        Assert.Empty(rig.Sink.Raised);

        rig.Liveness("cam-a-1", "camera", "offline", Start.AddSeconds(100)); // retained repeat: still offline since Start
        rig.Tick(Start.AddSeconds(120));
        rig.Tick(Start.AddSeconds(121));
        var raised = Assert.Single(rig.Sink.Raised);
        Assert.Equal(("cam-a-1", "deviceOffline", Start), (raised.SourceId, raised.Type, raised.At));

        rig.Liveness("cam-a-1", "camera", "online", Start.AddMinutes(5));
        Assert.Equal(Start.AddMinutes(5), Assert.Single(rig.Sink.Cleared).At);
        Assert.Empty(rig.Table);
    }

    [Fact]
    public void A_device_back_before_the_limit_raises_nothing()
    {
        var rig = new RuleRig(CameraOffline);
        rig.Liveness("cam-a-1", "camera", "offline", Start);
        rig.Liveness("cam-a-1", "camera", "online", Start.AddSeconds(60));
        rig.Liveness("tfd-a-1", "traffic", "offline", Start); // another kind: another rule's business
        rig.Tick(Start.AddMinutes(10));
        Assert.Empty(rig.Sink.Raised);
        Assert.Empty(rig.Sink.Cleared);
    }

    [Fact]
    public void A_camera_event_raises_at_once_with_the_severity_its_type_maps_to()
    {
        var rig = new RuleRig(Analytics);
        rig.Feed(rig.CameraEvent("cam-b-1", "accident", "major", Start));
        rig.Feed(rig.CameraEvent("cam-b-1", "crowd", "minor", Start.AddSeconds(1)));
        rig.Feed(rig.CameraEvent("cam-b-1", "crowd", "info", Start.AddSeconds(2))); // rated below the minimum by the camera
        rig.Feed(rig.CameraEvent("cam-b-1", "motion", "critical", Start.AddSeconds(3))); // not a type the rule names
        rig.Feed(rig.CameraEvent("cam-b-1", "fire", "critical", Start.AddSeconds(4)), live: false); // read back at start-up

        Assert.Collection(rig.Sink.Raised,
            accident =>
            {
                Assert.Equal(("cam-b-1", "accident", "critical", "camera", "b", Start), (accident.SourceId, accident.Type, accident.Severity, accident.Category, accident.AreaId, accident.At));
                Assert.Equal("https://cam.example/s.jpg", accident.SnapshotUrl);
            },
            crowd => Assert.Equal(("crowd", "major"), (crowd.Type, crowd.Severity)));
    }

    [Fact]
    public void History_raises_nothing_but_a_devices_outbox_after_a_short_outage_does()
    {
        var rig = new RuleRig(Analytics);
        rig.Clock.Now = Start.AddDays(3);
        rig.Feed(rig.CameraEvent("cam-b-1", "accident", "major", Start)); // last week's backfill
        rig.Feed(rig.CameraEvent("cam-b-1", "fire", "critical", Start.AddDays(3) - RuleEngine.HistoryAfter - TimeSpan.FromSeconds(1)));
        Assert.Empty(rig.Sink.Raised);

        rig.Feed(rig.CameraEvent("cam-b-1", "crowd", "major", Start.AddDays(3).AddMinutes(-5))); // sent from the outbox
        Assert.Equal("crowd", Assert.Single(rig.Sink.Raised).Type);
    }

    [Fact]
    public void An_office_with_too_many_waiting_over_its_last_readings_raises_and_clears_after_the_hold()
    {
        var rig = new RuleRig(Backlog);
        rig.Feed(KpiTestCity.Office("q-a-1", 50, "open", Start));
        rig.Feed(KpiTestCity.Office("q-a-1", 10, "open", Start.AddSeconds(30)));
        rig.Feed(KpiTestCity.Office("q-a-1", 20, "open", Start.AddSeconds(60))); // mean 26.7: not yet
        Assert.Empty(rig.Sink.Raised);
        rig.Feed(KpiTestCity.Office("q-a-1", 70, "open", Start.AddSeconds(90))); // mean 33.3
        var raised = Assert.Single(rig.Sink.Raised);
        Assert.Equal(("q-a-1", "backlog", "a"), (raised.SourceId, raised.Type, raised.AreaId));

        rig.Feed(KpiTestCity.Office("q-a-1", 0, "open", Start.AddSeconds(120))); // mean 30, no longer above: the clear wait starts
        rig.Feed(KpiTestCity.Office("q-a-1", 0, "open", Start.AddSeconds(150)));
        Assert.Empty(rig.Sink.Cleared);
        rig.Feed(KpiTestCity.Office("q-a-1", 0, "open", Start.AddSeconds(180)));
        Assert.Single(rig.Sink.Cleared);
        Assert.Single(rig.Sink.Raised);
    }

    [Fact]
    public void Long_waits_between_issue_and_call_raise_a_backlog()
    {
        var rig = new RuleRig(Backlog);
        for (var i = 0; i < 3; i++)
            rig.Feed(KpiTestCity.Ticket("ticketIssued", $"A-{i}", Start.AddMinutes(i)));
        for (var i = 0; i < 3; i++)
            rig.Feed(KpiTestCity.Ticket("ticketCalled", $"A-{i}", Start.AddMinutes(25 + i)));
        var raised = Assert.Single(rig.Sink.Raised);
        Assert.Contains("average wait 25", raised.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_unresolved_by_its_due_time_less_the_margin_raises_and_its_resolution_clears_it()
    {
        var rig = new RuleRig(CaseAtRisk);
        var due = Start.AddHours(4);
        rig.Feed(KpiTestCity.CaseReceived("HS-1", Start, due, "online"));
        rig.Feed(KpiTestCity.CaseReceived("HS-2", Start, due, "online", device: "q-b-1"));
        rig.Feed(KpiTestCity.CaseResolved("HS-2", Start.AddHours(1)));
        rig.Tick(due.AddMinutes(-61));
        Assert.Empty(rig.Sink.Raised);

        rig.Tick(due.AddMinutes(-60));
        rig.Tick(due.AddMinutes(-59));
        var raised = Assert.Single(rig.Sink.Raised);
        Assert.Equal(("HS-1", "caseAtRisk", "a"), (raised.SourceId, raised.Type, raised.AreaId));

        rig.Feed(KpiTestCity.CaseResolved("HS-1", due.AddMinutes(-10)));
        Assert.Equal("HS-1", Assert.Single(rig.Sink.Cleared).SourceId);
        Assert.Empty(rig.Table);
    }

    [Fact]
    public void Disabling_a_rule_stops_it_and_forgets_its_state()
    {
        var rig = new RuleRig(CameraOffline);
        rig.Liveness("cam-a-1", "camera", "offline", Start);
        Assert.Single(rig.Table);
        rig.Engine.Apply([CameraOffline with { Enabled = false }]);
        rig.Drain();
        rig.Tick(Start.AddMinutes(10));
        Assert.Empty(rig.Sink.Raised);
        Assert.Empty(rig.Table);
    }
}

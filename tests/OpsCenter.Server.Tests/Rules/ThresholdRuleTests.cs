using OpsCenter.Server.Tests.Kpis;
using static OpsCenter.Server.Tests.Rules.RuleRig;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>Threshold rules on device time: durations, N in a row, hysteresis, late data and storms.</summary>
public sealed class ThresholdRuleTests
{
    [Fact]
    public void Speed_below_the_limit_for_five_minutes_raises_once_at_the_five_minute_mark()
    {
        var rig = new RuleRig(Congestion());
        for (var s = 0; s < 300; s += 30)
            rig.Speed("tfd-a-1", 6, Start.AddSeconds(s));
        Assert.Empty(rig.Sink.Raised);

        rig.Speed("tfd-a-1", 6, Start.AddMinutes(5));
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(5.5));
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(6));

        var raised = Assert.Single(rig.Sink.Raised);
        Assert.Equal(("tfd-a-1", "congestion", "major", "traffic", "a"), (raised.SourceId, raised.Type, raised.Severity, raised.Category, raised.AreaId));
        Assert.Equal(Start.AddMinutes(5), raised.At);
        Assert.Equal("congestion", raised.RuleId);
    }

    [Fact]
    public void A_reading_above_the_limit_restarts_the_duration()
    {
        var rig = new RuleRig(Congestion());
        rig.Speed("tfd-a-1", 6, Start);
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(4));
        rig.Speed("tfd-a-1", 12, Start.AddMinutes(4.5));
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(5));
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(9.5));
        Assert.Empty(rig.Sink.Raised);
        rig.Speed("tfd-a-1", 6, Start.AddMinutes(10));
        Assert.Equal(Start.AddMinutes(10), Assert.Single(rig.Sink.Raised).At);
    }

    [Fact]
    public void A_value_hovering_at_the_limit_does_not_flap()
    {
        var rig = new RuleRig(Congestion(hold: 120));
        for (var s = 0; s <= 300; s += 30)
            rig.Speed("tfd-a-1", 8, Start.AddSeconds(s));
        Assert.Single(rig.Sink.Raised);

        // 9.5 ↔ 10.5 for half an hour: inside the 10–15 band it neither clears nor raises again.
        for (var s = 330; s < 2100; s += 30)
            rig.Speed("tfd-a-1", s % 60 == 0 ? 9.5 : 10.5, Start.AddSeconds(s));
        Assert.Single(rig.Sink.Raised);
        Assert.Empty(rig.Sink.Cleared);
    }

    [Fact]
    public void Clears_only_after_the_hold_before_clear_time_above_the_clear_limit()
    {
        var rig = new RuleRig(Congestion(hold: 120));
        for (var s = 0; s <= 300; s += 30)
            rig.Speed("tfd-a-1", 5, Start.AddSeconds(s));

        var back = Start.AddMinutes(10);
        rig.Speed("tfd-a-1", 20, back);
        rig.Speed("tfd-a-1", 20, back.AddSeconds(60));
        rig.Speed("tfd-a-1", 14, back.AddSeconds(90)); // back inside the band: the clear wait starts over
        rig.Speed("tfd-a-1", 20, back.AddSeconds(120));
        rig.Speed("tfd-a-1", 20, back.AddSeconds(210));
        Assert.Empty(rig.Sink.Cleared);

        rig.Speed("tfd-a-1", 20, back.AddSeconds(240));
        var cleared = Assert.Single(rig.Sink.Cleared);
        Assert.Equal(("tfd-a-1", "congestion", back.AddSeconds(240)), (cleared.SourceId, cleared.Type, cleared.At));
        Assert.Empty(rig.Table);
    }

    [Fact]
    public void N_readings_in_a_row_raise_on_the_nth()
    {
        var rig = new RuleRig(Congestion(forSeconds: null, inARow: 3));
        rig.Speed("tfd-a-1", 5, Start);
        rig.Speed("tfd-a-1", 5, Start.AddSeconds(30));
        rig.Speed("tfd-a-1", 11, Start.AddSeconds(60)); // breaks the row
        rig.Speed("tfd-a-1", 5, Start.AddSeconds(90));
        rig.Speed("tfd-a-1", 5, Start.AddSeconds(120));
        Assert.Empty(rig.Sink.Raised);
        rig.Speed("tfd-a-1", 5, Start.AddSeconds(150));
        Assert.Equal(Start.AddSeconds(150), Assert.Single(rig.Sink.Raised).At);
    }

    [Fact]
    public void Late_readings_arriving_in_a_burst_prove_only_the_time_they_span()
    {
        var rig = new RuleRig(Congestion());
        // A detector's outbox after an outage: two minutes of readings arrive within a second of Server time.
        for (var s = 0; s <= 120; s += 10)
        {
            rig.Clock.Now = Start.AddMinutes(30);
            rig.Feed(KpiTestCity.Traffic("tfd-a-1", 1, 4, 0.9, 3, 10, Start.AddSeconds(s)) with { Late = true });
        }
        Assert.Empty(rig.Sink.Raised);
        // An older reading after newer ones is ignored, not taken as the start of a long hold.
        rig.Speed("tfd-a-1", 4, Start.AddSeconds(-600));
        rig.Speed("tfd-a-1", 4, Start.AddSeconds(130));
        Assert.Empty(rig.Sink.Raised);
    }

    [Fact]
    public void Readings_further_apart_than_the_gap_limit_do_not_make_a_duration()
    {
        var rig = new RuleRig(Congestion());
        rig.Speed("tfd-a-1", 5, Start);
        rig.Speed("tfd-a-1", 5, Start.AddMinutes(6)); // silent for 6 min: the hold was not seen
        Assert.Empty(rig.Sink.Raised);
    }

    [Fact]
    public void A_storm_of_readings_raises_each_detector_once()
    {
        var rig = new RuleRig(Congestion());
        for (var s = 0; s <= 900; s++)
        {
            rig.Speed("tfd-a-1", 3, Start.AddSeconds(s), lane: 1 + (s % 2));
            rig.Speed("tfd-b-1", 3, Start.AddSeconds(s));
        }
        Assert.Equal(["tfd-a-1", "tfd-b-1"], rig.Sink.Raised.Select(r => r.SourceId).Order());
        Assert.Empty(rig.Sink.Cleared);
    }

    [Fact]
    public void The_segment_speed_is_the_mean_of_its_lanes()
    {
        var rig = new RuleRig(Congestion());
        for (var s = 0; s <= 300; s += 30)
        {
            rig.Speed("tfd-a-1", 4, Start.AddSeconds(s), lane: 1);
            rig.Speed("tfd-a-1", 30, Start.AddSeconds(s), lane: 2); // mean 17: not congested
        }
        Assert.Empty(rig.Sink.Raised);
    }

    [Fact]
    public void A_rule_scoped_to_an_area_ignores_other_areas()
    {
        var rig = new RuleRig(Congestion() with { Scope = new("b") });
        for (var s = 0; s <= 300; s += 30)
            rig.Speed("tfd-a-1", 3, Start.AddSeconds(s));
        Assert.Empty(rig.Sink.Raised);
    }
}

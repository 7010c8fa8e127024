using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench.Tests;

public sealed class StallFlaggingTests
{
    [Fact]
    public void A_baseline_far_below_the_others_is_flagged_and_the_steady_ones_are_not()
    {
        // The run that once made a ratio read 3,064 %: 411 msg/s among 17–20k.
        Assert.Equal([false, true, false], StallCheck.Stalled([17_478, 411, 20_075]));
    }

    [Fact]
    public void A_figure_far_above_the_others_is_flagged_too()
    {
        Assert.Equal([false, false, true], StallCheck.Stalled([14_000, 15_500, 45_000]));
    }

    [Fact]
    public void Ordinary_spread_on_a_shared_machine_is_not_a_stall()
    {
        // 26,934 – 44,985 msg/s: the widest spread of mosquitto's broker-only rate in the five runs of 2026-11-27.
        Assert.DoesNotContain(true, StallCheck.Stalled([26_934, 44_985, 41_867, 40_871]));
    }

    [Fact]
    public void Several_stalls_do_not_drag_the_reference_down_and_flag_the_steady_runs()
    {
        Assert.Equal([false, true, false, true, false, true], StallCheck.Stalled([18_000, 400, 19_000, 350, 18_500, 300]));
    }

    [Fact]
    public void Fewer_than_three_runs_cannot_judge_and_flag_nothing()
    {
        Assert.Equal([false, false], StallCheck.Stalled([411, 20_000]));
    }

    [Fact]
    public void A_round_stalls_when_any_of_its_key_figures_does()
    {
        (double Baseline, double Ingest)[] rounds = [(18_000, 14_000), (19_000, 900), (17_500, 13_500)];

        Assert.Equal([false, true, false], Rounds.Classify(rounds, r => [r.Baseline, r.Ingest]));
    }

    [Fact]
    public async Task A_stalled_round_is_repeated_and_left_out_of_the_figures()
    {
        double[] baselines = [17_000, 411, 19_000, 18_000];
        var runs = 0;

        var result = await Rounds.RunAsync(n => Task.FromResult(baselines[runs++]), b => [b]);

        Assert.Equal(4, runs);
        Assert.True(result.IsComplete);
        Assert.Equal([17_000, 19_000, 18_000], result.Kept);
        Assert.Equal([411], result.Stalled);
        Assert.Equal(18_000, result.Figure(b => b).Median);
    }

    [Fact]
    public async Task When_rounds_keep_stalling_it_stops_at_the_limit_and_reports_no_figure()
    {
        double[] baselines = [18_000, 400, 19_000, 350, 18_500, 300];
        var runs = 0;

        var result = await Rounds.RunAsync(n => Task.FromResult(baselines[runs++]), b => [b], wanted: 4, maxRounds: 6);

        Assert.Equal(6, runs);
        Assert.False(result.IsComplete);
        Assert.Equal(3, result.Stalled.Count);
    }

    [Fact]
    public void A_figure_reports_its_median_and_spread()
    {
        var figure = new Figure([10, 30, 20]);

        Assert.Equal(20, figure.Median);
        Assert.Equal(1.0, figure.Spread);
        Assert.Equal("20 µs (median of 3; 10–30, spread 100 %)", figure.Describe("N0", "µs"));
    }
}

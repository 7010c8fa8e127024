using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("ingest", "--help")]
    public async Task Help_prints_the_modes_and_options_and_exits_0_without_running(params string[] args)
    {
        var (run, started) = await InvokeAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(started);
        Assert.Contains("Usage:", run.Output);
        Assert.All(new[] { "ingest", "simulator", "memory", "live", "rules", "report", "rollups", "dashboard", "--messages", "--brokers", "--clients", "--rate", "--trials", "--cold-trials" },
            word => Assert.Contains(word, run.Output));
    }

    [Fact]
    public async Task Without_arguments_it_runs_everything_on_both_brokers()
    {
        var (run, started) = await InvokeAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new BenchOptions("all", 200_000, ["embedded", "mosquitto"], [250, 500, 1000, 1500], 5_000, 60), started, OptionsComparer.Instance);
    }

    [Fact]
    public async Task Mode_and_options_bind_to_what_they_say()
    {
        var (run, started) = await InvokeAsync("ingest", "--messages", "100000", "--brokers", "mosquitto,embedded");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new BenchOptions("ingest", 100_000, ["mosquitto", "embedded"], [250, 500, 1000, 1500], 5_000, 60), started, OptionsComparer.Instance);
        Assert.True(started!.Runs("ingest"));
        Assert.False(started.Runs("memory"));
    }

    [Fact]
    public async Task Live_takes_its_fan_out_steps_rate_and_trials_and_all_leaves_it_out()
    {
        var (run, started) = await InvokeAsync("live", "--clients", "100, 300", "--rate", "2000", "--trials", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new BenchOptions("live", 200_000, ["embedded", "mosquitto"], [100, 300], 2_000, 10), started, OptionsComparer.Instance);
        Assert.True(started!.Runs("live"));
        Assert.False(started.Runs("ingest"));
        Assert.False(new BenchOptions("all", 1, ["embedded"], [1], 1, 1).Runs("live"));
    }

    [Fact]
    public async Task Rules_runs_only_when_named_and_takes_its_reading_count_from_messages()
    {
        var (run, started) = await InvokeAsync("rules", "--messages", "1500000");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1_500_000, started!.Messages);
        Assert.True(started.Runs("rules"));
        Assert.False(started.Runs("ingest"));
        Assert.False(new BenchOptions("all", 1, ["embedded"], [1], 1, 1).Runs("rules"));
        Assert.False(new BenchOptions("all", 1, ["embedded"], [1], 1, 1).Runs("report"));
    }

    [Fact]
    public async Task Rollups_runs_only_when_named()
    {
        var (run, started) = await InvokeAsync("rollups");

        Assert.Equal(0, run.ExitCode);
        Assert.True(started!.Runs("rollups"));
        Assert.False(started.Runs("ingest"));
        Assert.False(new BenchOptions("all", 1, ["embedded"], [1], 1, 1).Runs("rollups"));
    }

    [Fact]
    public async Task Dashboard_runs_only_when_named_and_takes_its_warm_and_cold_trials()
    {
        var (run, started) = await InvokeAsync("dashboard", "--trials", "20", "--cold-trials", "7");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("dashboard", 20, 7), (started!.Mode, started.Trials, started.ColdTrials));
        Assert.True(started.Runs("dashboard"));
        Assert.False(started.Runs("rollups"));
        Assert.False(new BenchOptions("all", 1, ["embedded"], [1], 1, 1).Runs("dashboard"));
        Assert.Equal(5, (await InvokeAsync("dashboard")).Started!.ColdTrials);
    }

    [Theory]
    [InlineData("fast", "fast")]
    [InlineData("emqx", "--brokers", "embedded,emqx")]
    [InlineData("--brokers", "--brokers", ",")]
    [InlineData("--messages", "--messages", "0")]
    [InlineData("lots", "--messages", "lots")]
    [InlineData("--clients", "live", "--clients", "100,x")]
    [InlineData("--rate", "live", "--rate", "0")]
    [InlineData("--cold-trials", "dashboard", "--cold-trials", "0")]
    [InlineData("--bogus", "--bogus")]
    public async Task Bad_arguments_fail_with_a_message_naming_them_and_run_nothing(string named, params string[] args)
    {
        var (run, started) = await InvokeAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Null(started);
        Assert.Contains(named, run.Error);
    }

    private static async Task<(CommandInvocation Run, BenchOptions? Started)> InvokeAsync(params string[] args)
    {
        BenchOptions? started = null;
        var command = BenchCommand.Create((options, _) =>
        {
            started = options;
            return Task.FromResult(0);
        });
        return (await CommandInvocation.RunAsync(command, args, TestContext.Current.CancellationToken), started);
    }

    /// <summary>Records compare lists by reference; these compare the brokers and fan-out steps named, in order.</summary>
    private sealed class OptionsComparer : IEqualityComparer<BenchOptions?>
    {
        public static readonly OptionsComparer Instance = new();

        public bool Equals(BenchOptions? x, BenchOptions? y) =>
            x is not null && y is not null && (x.Mode, x.Messages, x.Rate, x.Trials, x.ColdTrials) == (y.Mode, y.Messages, y.Rate, y.Trials, y.ColdTrials)
            && x.Brokers.SequenceEqual(y.Brokers) && x.Clients.SequenceEqual(y.Clients);

        public int GetHashCode(BenchOptions? obj) => obj?.Mode.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}

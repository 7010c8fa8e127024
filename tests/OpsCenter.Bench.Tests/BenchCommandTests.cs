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
        Assert.All(new[] { "ingest", "simulator", "memory", "--messages", "--brokers" }, word => Assert.Contains(word, run.Output));
    }

    [Fact]
    public async Task Without_arguments_it_runs_everything_on_both_brokers()
    {
        var (run, started) = await InvokeAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new BenchOptions("all", 200_000, ["embedded", "mosquitto"]), started, OptionsComparer.Instance);
    }

    [Fact]
    public async Task Mode_and_options_bind_to_what_they_say()
    {
        var (run, started) = await InvokeAsync("ingest", "--messages", "100000", "--brokers", "mosquitto,embedded");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new BenchOptions("ingest", 100_000, ["mosquitto", "embedded"]), started, OptionsComparer.Instance);
        Assert.True(started!.Runs("ingest"));
        Assert.False(started.Runs("memory"));
    }

    [Theory]
    [InlineData("fast", "fast")]
    [InlineData("emqx", "--brokers", "embedded,emqx")]
    [InlineData("--brokers", "--brokers", ",")]
    [InlineData("--messages", "--messages", "0")]
    [InlineData("lots", "--messages", "lots")]
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

    /// <summary>Records compare lists by reference; these compare the brokers named, in order.</summary>
    private sealed class OptionsComparer : IEqualityComparer<BenchOptions?>
    {
        public static readonly OptionsComparer Instance = new();

        public bool Equals(BenchOptions? x, BenchOptions? y) =>
            x is not null && y is not null && (x.Mode, x.Messages) == (y.Mode, y.Messages) && x.Brokers.SequenceEqual(y.Brokers);

        public int GetHashCode(BenchOptions? obj) => obj?.Mode.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}

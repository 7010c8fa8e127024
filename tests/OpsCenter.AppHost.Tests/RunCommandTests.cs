using OpsCenter.Tests.Shared;

namespace OpsCenter.AppHost.Tests;

public sealed class RunCommandTests
{
    private const string RepoRoot = "/srv/opscenter";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_every_option_and_exits_0_without_starting_anything(string help)
    {
        var (run, started) = await InvokeAsync(help);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(started);
        Assert.Contains("Usage:", run.Output);
        Assert.All(new[] { "--data", "--no-simulator", "--scale" }, option => Assert.Contains(option, run.Output));
    }

    [Fact]
    public async Task Without_options_it_starts_the_demo_city_with_the_simulator_in_the_repositorys_data_folder()
    {
        var (run, started) = await InvokeAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new AppHostOptions(Path.Combine(RepoRoot, "data"), StartSimulator: true, "demo"), started);
    }

    [Fact]
    public async Task Options_bind_to_what_they_say()
    {
        var (run, started) = await InvokeAsync("--data", "/var/tmp/city-data", "--no-simulator", "--scale", "city");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new AppHostOptions("/var/tmp/city-data", StartSimulator: false, "city"), started);
    }

    [Fact]
    public async Task A_relative_data_folder_is_made_absolute_from_the_current_folder()
    {
        var (run, started) = await InvokeAsync("--data", "my-data");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Path.GetFullPath("my-data"), started?.DataDirectory);
    }

    [Theory]
    [InlineData("town", "--scale", "town")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--data", "--data")]
    [InlineData("extra", "extra")]
    public async Task Bad_arguments_fail_with_a_message_naming_them_and_start_nothing(string named, params string[] args)
    {
        var (run, started) = await InvokeAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Null(started);
        Assert.Contains(named, run.Error);
    }

    private static async Task<(CommandInvocation Run, AppHostOptions? Started)> InvokeAsync(params string[] args)
    {
        AppHostOptions? started = null;
        var command = RunCommand.Create(RepoRoot, (options, _) =>
        {
            started = options;
            return Task.FromResult(0);
        });
        return (await CommandInvocation.RunAsync(command, args, TestContext.Current.CancellationToken), started);
    }
}

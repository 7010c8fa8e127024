using System.Diagnostics;

namespace OpsCenter.LocalServices.Tests;

public sealed class MosquittoServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_and_accepts_tcp_connections_on_loopback()
    {
        await using var broker = await MosquittoServer.StartNewAsync(cancellationToken: Ct);

        Assert.True(await FreePort.AcceptsConnectionsAsync(broker.Port, Ct));
    }

    [Fact]
    public async Task A_retained_message_published_with_mosquitto_pub_reaches_mosquitto_sub()
    {
        await using var broker = await MosquittoServer.StartNewAsync(cancellationToken: Ct);

        var published = await RunAsync("mosquitto_pub",
            "-h", broker.Host, "-p", $"{broker.Port}", "-t", "city/cam-1/status", "-m", "online", "-q", "1", "-r");
        var received = await RunAsync("mosquitto_sub",
            "-h", broker.Host, "-p", $"{broker.Port}", "-t", "city/+/status", "-C", "1", "-W", "10");

        Assert.Equal((0, ""), published);
        Assert.Equal((0, "online"), received);
    }

    [Fact]
    public async Task Anonymous_clients_are_refused_when_anonymous_access_is_off()
    {
        await using var broker = await MosquittoServer.StartNewAsync(new MosquittoOptions { AllowAnonymous = false }, Ct);

        var (exitCode, _) = await RunAsync("mosquitto_pub",
            "-h", broker.Host, "-p", $"{broker.Port}", "-t", "t", "-m", "m");

        Assert.NotEqual(0, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim());
    }
}

using System.Collections.Concurrent;
using System.Net;
using OpsCenter.LocalServices;
using OpsCenter.Simulators.Cli;
using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Tests.Support;

namespace OpsCenter.Simulators.Tests;

/// <summary>The Server takes citizen reports only with a <c>reporter</c> service key in <c>X-Api-Key</c>.</summary>
public sealed class CitizenReportsApiKeyTests
{
    [Fact]
    public async Task The_scenario_sends_its_api_key_with_every_report_and_none_when_it_has_none()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Created));
        await new ScenarioHarness().RunAsync(new CitizenReportsScenario(), new ScenarioOptions(Count: 4), handler, apiKey: "key-1");
        Assert.Equal(4, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(["key-1"], r.Request.Headers.GetValues(CitizenReportsScenario.ApiKeyHeader)));

        var without = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        var harness = new ScenarioHarness();
        await harness.RunAsync(new CitizenReportsScenario(), new ScenarioOptions(Count: 2), without);
        Assert.All(without.Requests, r => Assert.False(r.Request.Headers.Contains(CitizenReportsScenario.ApiKeyHeader)));
        Assert.Contains("'reporter' service key", harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_posts_reports_over_http_with_the_key_from_the_data_folder()
    {
        var cancel = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("opscenter-sim-reports-");
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(root.FullName, "data", "credentials")).Parent!.FullName;
            await File.WriteAllTextAsync(Path.Combine(data, "credentials", "reporter-key.txt"), "key-from-data\n", cancel);
            var port = FreePort.Next();
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            var seen = new ConcurrentQueue<(string Method, string Path, string? Key)>();
            var server = ServeAsync(listener, seen);

            var exitCode = await ScenarioCommand.Create(currentDirectory: root.FullName, environment: _ => null)
                .Parse(["citizen-reports", "--server-url", $"http://127.0.0.1:{port}/", "--data", data, "--count", "3", "--speed", "600"])
                .InvokeAsync(cancellationToken: cancel);

            listener.Stop();
            await server;
            Assert.Equal(0, exitCode);
            Assert.Equal(3, seen.Count);
            Assert.All(seen, r => Assert.Equal(("POST", "/api/reports", "key-from-data"), r));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_default_server_is_the_run_commands()
    {
        Assert.Equal("http://127.0.0.1:5080/", ScenarioCommand.DefaultServerUrl.ToString());
    }

    private static async Task ServeAsync(HttpListener listener, ConcurrentQueue<(string, string, string?)> seen)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            seen.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers[CitizenReportsScenario.ApiKeyHeader]));
            context.Response.StatusCode = (int)HttpStatusCode.Created;
            context.Response.Close();
        }
    }
}

using OpsCenter.Contracts.CitizenReports;
using System.Net;
using System.Text.Json;
using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Tests.Support;

namespace OpsCenter.Simulators.Tests;

public sealed class CitizenReportsScenarioTests
{
    [Fact]
    public async Task Posts_each_report_as_json_to_the_reports_endpoint_with_the_contract_fields()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Created));
        var scenario = new CitizenReportsScenario();
        await new ScenarioHarness().RunAsync(scenario, new ScenarioOptions(Count: 15), handler);

        Assert.Equal(15, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Post, r.Request.Method);
            Assert.Equal("http://127.0.0.1:5999/api/reports", r.Request.RequestUri!.ToString());
            var report = JsonDocument.Parse(r.Body).RootElement;
            Assert.False(string.IsNullOrEmpty(report.GetProperty("reportId").GetString()));
            Assert.True(report.GetProperty("ts").GetDateTimeOffset() > DateTimeOffset.MinValue);
            Assert.Contains(report.GetProperty("category").GetString(), ReportCategories.All);
            Assert.InRange(report.GetProperty("description").GetString()!.Length, 1, 2000);
            Assert.InRange(report.GetProperty("lat").GetDouble(), 20.6, 21.1);
            Assert.InRange(report.GetProperty("lon").GetDouble(), 106.4, 107.0);
            if (report.TryGetProperty("reporter", out var reporter))
                Assert.False(string.IsNullOrEmpty(reporter.GetProperty("phone").GetString()));
        });
        Assert.Equal(15, scenario.Results["201"]);
    }

    [Fact]
    public async Task Reports_clearly_when_the_server_is_not_there()
    {
        var handler = new StubHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var scenario = new CitizenReportsScenario();
        var harness = new ScenarioHarness();
        await harness.RunAsync(scenario, new ScenarioOptions(Count: 3), handler);

        Assert.Equal(3, scenario.Results["error: connection refused"]);
        Assert.Contains("does it serve POST /api/reports", harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_endpoint_is_reported_with_its_status_code()
    {
        var scenario = new CitizenReportsScenario();
        var harness = new ScenarioHarness();
        await harness.RunAsync(scenario, new ScenarioOptions(Count: 2), new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));

        Assert.Equal(2, scenario.Results["404"]);
        Assert.Equal(2, harness.Stats.Failed);
    }
}

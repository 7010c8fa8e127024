using System.Net;
using OpsCenter.Server.Kpis;

namespace OpsCenter.Server.Tests.Kpis;

/// <summary>The history endpoint's answers without a store behind it (the fixture's InfluxDB port is closed).</summary>
[Collection(ServerCollection.Name)]
public sealed class KpiHistoryApiTests(ServerFixture server)
{
    [Theory]
    [InlineData("/api/kpis/history")]
    [InlineData("/api/kpis/history?kpi=noShowRateToday")]
    [InlineData("/api/kpis/history?kpi=averageSpeedKmh&area=nowhere")]
    [InlineData("/api/kpis/history?kpi=averageSpeedKmh&minutes=0")]
    [InlineData("/api/kpis/history?kpi=averageSpeedKmh&area=x'%20OR%20'1'='1")]
    public async Task A_request_naming_no_supported_kpi_area_or_window_is_refused(string path)
    {
        using var client = server.ClientAs(Roles.Wall);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_store_is_503_not_an_empty_sparkline()
    {
        using var client = server.ClientAs(Roles.Leader);
        using var response = await client.GetAsync($"/api/kpis/history?kpi={KpiNames.PeopleWaiting}&minutes=5", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}

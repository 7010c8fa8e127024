using System.Net;
using System.Text.Json;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// The Server tests' InfluxDB is a port nothing listens on: the leaders' endpoints that read the rollups answer 503
/// with a ProblemDetails saying why, not 500.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class IndicatorsUnavailableTests(ServerFixture server)
{
    [Theory]
    [InlineData("/api/leaders/summary")]
    [InlineData("/api/leaders/trends?indicator=averageSpeedKmh&grain=day")]
    public async Task Leaders_figures_answer_503_while_the_store_does_not(string path)
    {
        using var leader = server.ClientAs(Roles.Leader);

        using var response = await leader.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("does not answer", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

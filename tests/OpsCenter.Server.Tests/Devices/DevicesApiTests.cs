using System.Net;
using System.Text.Json;

namespace OpsCenter.Server.Tests.Devices;

/// <summary>
/// The console's REST endpoints on the in-process Server: the city for every person, validation and 404s, and clear
/// 503s when InfluxDB or Ingest cannot be reached (the fixture points both at ports nothing listens on).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DevicesApiTests(ServerFixture server)
{
    private string KnownDevice => server.City.Devices.First(d => d.Kind == "traffic").Id;

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Wall)]
    public async Task City_lists_every_area_and_device_for_every_person(string role)
    {
        using var client = server.ClientAs(role);
        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/city", TestContext.Current.CancellationToken));
        var areas = body.RootElement.GetProperty("areas").EnumerateArray().ToList();
        var devices = body.RootElement.GetProperty("devices").EnumerateArray().ToList();

        Assert.Equal(server.City.Areas.Select(a => a.Id), areas.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(server.City.Devices.Select(d => d.Id), devices.Select(d => d.GetProperty("id").GetString()));
        var first = devices[0];
        foreach (var name in new[] { "kind", "name", "areaId", "lat", "lon", "reportingIntervalSeconds" })
            Assert.True(first.TryGetProperty(name, out _), $"device has no {name}");
        // Installation attributes may hold addresses or credentials of a site; screens get only what they draw.
        Assert.False(first.TryGetProperty("attributes", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(169)]
    [InlineData(-5)]
    public async Task History_refuses_a_span_outside_1_to_168_hours(int hours)
    {
        using var client = server.ClientAs(Roles.Operator);
        using var response = await client.GetAsync($"/api/devices/{KnownDevice}/history?hours={hours}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hours", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_of_a_device_not_in_the_inventory_is_404()
    {
        using var client = server.ClientAs(Roles.Operator);
        using var response = await client.GetAsync("/api/devices/no-such-device/history", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task History_answers_503_when_InfluxDB_is_unreachable()
    {
        using var client = server.ClientAs(Roles.Leader);
        using var response = await client.GetAsync($"/api/devices/{KnownDevice}/history?hours=24", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("InfluxDB", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_of_a_device_not_in_the_inventory_are_404()
    {
        using var client = server.ClientAs(Roles.Admin);
        using var response = await client.GetAsync("/api/devices/no-such-device/dead-letters", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dead_letters_answer_503_naming_Ingest_when_it_is_unreachable()
    {
        using var client = server.ClientAs(Roles.Operator);
        using var response = await client.GetAsync($"/api/devices/{KnownDevice}/dead-letters", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Ingest is unreachable", body, StringComparison.Ordinal);
        Assert.Contains(server.IngestUrl, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Wall)]
    public async Task Dead_letters_are_not_for_leaders_or_wall_screens(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync($"/api/devices/{KnownDevice}/dead-letters", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Rules;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>/api/rules: admins write, operators read, validation names the field, a change takes effect at once.</summary>
[Collection(ServerCollection.Name)]
public sealed class RulesApiTests(ServerFixture server)
{
    private const string SlowTraffic = """
        {"kind":"threshold","name":"Slow traffic in area a","severity":"minor","category":"traffic","incidentType":"slowTraffic",
         "deviceKind":"traffic","field":"averageVehicleSpeed","comparison":"<","value":20,"forSeconds":120,"clearValue":25,
         "holdBeforeClearSeconds":60,"scope":{"areaId":"a"}}
        """;

    [Fact]
    public async Task The_demo_rules_are_seeded_and_every_one_is_valid()
    {
        using var client = server.ClientAs(Roles.Operator);
        var rules = await client.GetFromJsonAsync<JsonElement[]>("/api/rules", TestContext.Current.CancellationToken);
        var ids = rules!.Select(r => r.GetProperty("rule").GetProperty("id").GetString()).ToList();
        Assert.Contains("traffic-congestion", ids);
        Assert.Contains("camera-analytics", ids);
        Assert.Contains("case-at-risk", ids);
        foreach (var rule in rules!)
        {
            var parsed = RuleJson.Parse(rule.GetProperty("rule").GetRawText(), out var errors);
            Assert.NotNull(parsed);
            Assert.Empty(parsed.Validate());
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task An_admin_creates_changes_and_deletes_a_rule_and_the_engine_follows_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = server.Factory.Services.GetRequiredService<RuleEngine>();
        using var admin = server.ClientAs(Roles.Admin);

        using (var created = await admin.PutAsync("/api/rules/slow-traffic-a", Json(SlowTraffic), ct))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = Assert.IsType<ThresholdRule>(Assert.Single(engine.Rules, r => r.Id == "slow-traffic-a"));
        Assert.Equal(20, rule.Value);

        using (var changed = await admin.PutAsync("/api/rules/slow-traffic-a", Json(SlowTraffic.Replace("\"value\":20", "\"value\":18", StringComparison.Ordinal)), ct))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            using var body = JsonDocument.Parse(await changed.Content.ReadAsStringAsync(ct));
            Assert.Equal(ServerFixture.AdminName, body.RootElement.GetProperty("updatedBy").GetString());
        }
        Assert.Equal(18, Assert.IsType<ThresholdRule>(Assert.Single(engine.Rules, r => r.Id == "slow-traffic-a")).Value);

        using (var deleted = await admin.DeleteAsync("/api/rules/slow-traffic-a", ct))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(engine.Rules, r => r.Id == "slow-traffic-a");
        using (var gone = await admin.GetAsync("/api/rules/slow-traffic-a", ct))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("\"forSeconds\":120", "\"forSeconds\":120,\"readingsInARow\":3", "forSeconds")]
    [InlineData("\"field\":\"averageVehicleSpeed\"", "\"field\":\"waiting\"", "field")]
    [InlineData("\"clearValue\":25", "\"clearValue\":5", "clearValue")]
    [InlineData("\"severity\":\"minor\"", "\"severity\":\"urgent\"", "severity")]
    [InlineData("\"kind\":\"threshold\"", "\"kind\":\"magic\"", "kind")]
    [InlineData("\"value\":20", "\"value\":\"20\"", "value")]
    [InlineData("\"deviceKind\":\"traffic\"", "\"deviceKind\":\"drone\"", "deviceKind")]
    public async Task An_invalid_rule_is_refused_naming_the_field(string from, string to, string field)
    {
        using var admin = server.ClientAs(Roles.Admin);
        using var response = await admin.PutAsync("/api/rules/bad-rule", Json(SlowTraffic.Replace(from, to, StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), body.RootElement.GetRawText());
    }

    [Fact]
    public async Task A_body_naming_another_rule_than_the_path_is_refused()
    {
        using var admin = server.ClientAs(Roles.Admin);
        using var response = await admin.PutAsync("/api/rules/one", Json(SlowTraffic.Replace("{\"kind\"", "{\"id\":\"two\",\"kind\"", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Wall)]
    public async Task Only_admins_write_rules(string role)
    {
        using var client = server.ClientAs(role);
        using var put = await client.PutAsync("/api/rules/traffic-congestion", Json(SlowTraffic), TestContext.Current.CancellationToken);
        using var delete = await client.DeleteAsync("/api/rules/traffic-congestion", TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (put.StatusCode, delete.StatusCode));
    }

    [Fact]
    public async Task Operators_read_rules_leaders_do_not()
    {
        using var operatorClient = server.ClientAs(Roles.Operator);
        using var leader = server.ClientAs(Roles.Leader);
        using var read = await operatorClient.GetAsync("/api/rules/traffic-congestion", TestContext.Current.CancellationToken);
        using var refused = await leader.GetAsync("/api/rules", TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, refused.StatusCode));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

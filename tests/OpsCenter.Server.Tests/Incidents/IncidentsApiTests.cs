using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Incidents;
using static OpsCenter.Server.Tests.Incidents.IncidentIntakeTests;

namespace OpsCenter.Server.Tests.Incidents;

/// <summary>The REST API on the real Server: optimistic concurrency, refused moves, attribution, maintenance windows.</summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentsApiTests(ServerFixture server)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Two_operators_acknowledging_at_once_get_one_200_and_one_409_and_the_trail_has_one_entry()
    {
        var id = await RaiseAsync(Unique("cam"), Unique("area"));
        using var first = server.ClientAs(Roles.Operator);
        using var second = server.ClientAs(Roles.Admin);

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/incidents/{id}/acknowledge", new { expectedVersion = 1 }),
            second.PostAsJsonAsync($"/api/incidents/{id}/acknowledge", new { expectedVersion = 1 }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var conflict = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", conflict.GetProperty("current").GetProperty("status").GetString());
        Assert.Equal(2, conflict.GetProperty("current").GetProperty("version").GetInt32());
        var detail = await first.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var acknowledgements = detail.GetProperty("trail").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "acknowledge").ToList();
        var entry = Assert.Single(acknowledgements);
        Assert.Equal(detail.GetProperty("incident").GetProperty("acknowledgedBy").GetString(), entry.GetProperty("actor").GetString());
        Assert.Contains(entry.GetProperty("actor").GetString(), new[] { "test-operator", ServerFixture.AdminName });
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_with_400_and_a_clear_message()
    {
        var id = await RaiseAsync(Unique("cam"), Unique("area"));
        using var client = server.ClientAs(Roles.Operator);

        using var response = await client.PostAsJsonAsync($"/api/incidents/{id}/close", new { expectedVersion = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"Incident {id} is open and cannot be closed: only a resolved incident can be closed.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_stale_version_gets_409_and_changes_are_attributed_to_the_signed_in_user()
    {
        var id = await RaiseAsync(Unique("cam"), Unique("area"));
        using var client = server.ClientAs(Roles.Operator);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/incidents/{id}/acknowledge", new { expectedVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/incidents/{id}/notes", new { expectedVersion = 2, text = "Crew on the way" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/incidents/{id}/start", new { expectedVersion = 2 })).StatusCode);
        using var resolved = await client.PostAsJsonAsync($"/api/incidents/{id}/resolve", new { expectedVersion = 3, note = "Fixed" });

        var incident = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("resolved", "test-operator", 4), (incident.GetProperty("status").GetString(), incident.GetProperty("resolvedBy").GetString(), incident.GetProperty("version").GetInt32()));
        Assert.Equal(["system|open", "test-operator|acknowledge", "test-operator|note|Crew on the way", "test-operator|resolve|Fixed"],
            (await server.Postgres.RunSqlAsync($"select actor || '|' || action || coalesce('|' || note, '') from incident_events where incident_id = {id} order by id"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_signal_inside_a_maintenance_window_is_recorded_silenced_and_not_active()
    {
        var area = Unique("area");
        using var client = server.ClientAs(Roles.Operator);
        using var created = await client.PostAsJsonAsync("/api/maintenance-windows",
            new { scope = "area", targetId = area, startsAt = At.AddMinutes(-1), endsAt = At.AddHours(1), reason = "Road works" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var id = await RaiseAsync(Unique("det"), area);

        var all = await client.GetFromJsonAsync<JsonElement>($"/api/incidents?areaId={area}");
        var recorded = Assert.Single(all.GetProperty("items").EnumerateArray());
        Assert.Equal((id, true), (recorded.GetProperty("id").GetInt64(), recorded.GetProperty("silenced").GetBoolean()));
        var active = await client.GetFromJsonAsync<JsonElement>($"/api/incidents?areaId={area}&active=true");
        Assert.Equal(0, active.GetProperty("total").GetInt64());

        var window = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/maintenance-windows/{window.GetProperty("id").GetInt64()}/end", null)).StatusCode);
        await RaiseAsync(Unique("det"), area, DateTimeOffset.UtcNow);
        active = await client.GetFromJsonAsync<JsonElement>($"/api/incidents?areaId={area}&active=true");
        Assert.Equal(1, active.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Leaders_read_incidents_and_counts_but_cannot_change_them()
    {
        var id = await RaiseAsync(Unique("cam"), Unique("area"));
        using var leader = server.ClientAs(Roles.Leader);
        var counts = await leader.GetFromJsonAsync<Dictionary<string, long>>("/api/incidents/counts");
        Assert.Equal(IncidentSeverities.All.Order(), counts!.Keys.Order());
        Assert.True(counts[IncidentSeverities.Major] >= 1);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/incidents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/incidents/{id}/acknowledge", new { expectedVersion = 1 })).StatusCode);
    }

    private async Task<long> RaiseAsync(string source, string area, DateTimeOffset? at = null)
    {
        var sink = server.Factory.Services.GetRequiredService<IIncidentSink>();
        await sink.RaiseAsync(Signal(source, "tamper", area, at ?? At), CancellationToken.None);
        var row = await server.Factory.Services.GetRequiredService<IncidentStore>().LoadActiveAsync(source, "tamper", CancellationToken.None);
        return row!.Id;
    }
}

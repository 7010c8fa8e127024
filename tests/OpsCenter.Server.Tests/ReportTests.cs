using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Tests;

/// <summary>Citizen field reports: bad input, hostile text kept intact but inert, and the reporter's contact.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReportTests(ServerFixture server)
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> '; DROP TABLE citizen_reports; -- \" \\ đường Lạch Tray";

    [Fact]
    public async Task Oversized_body_is_refused_with_413()
    {
        using var app = server.ClientAs(Roles.Reporter);
        var huge = Report("big-1", description: new string('a', 70_000));
        using var response = await app.PostAsync("/api/reports", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"reportId\": 5}")]
    [InlineData("not json at all")]
    [InlineData("{\"reportId\":\"a\",\"lat\":\"NaN\"}")]
    public async Task Malformed_json_is_refused_with_400_without_echoing_it(string body)
    {
        using var app = server.ClientAs(Roles.Reporter);
        using var response = await app.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("not json at all", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reportId", "\"has space\"")]
    [InlineData("ts", "\"2026-11-26 08:15:00\"")]
    [InlineData("category", "\"gossip\"")]
    [InlineData("lat", "91")]
    [InlineData("photoUrl", "\"javascript:alert(1)\"")]
    [InlineData("description", "\"nul \\u0000 inside\"")]
    public async Task Contract_violations_are_refused_with_400(string field, string value)
    {
        using var app = server.ClientAs(Roles.Reporter);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Report("v-" + field))!;
        json[field] = JsonDocument.Parse(value).RootElement;
        using var response = await app.PostAsJsonAsync("/api/reports", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Html_script_and_sql_in_text_are_stored_intact_and_come_back_json_encoded()
    {
        var id = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        using var app = server.ClientAs(Roles.Reporter);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync("/api/reports",
            new StringContent(Report(id, description: Hostile, name: Hostile), Encoding.UTF8, "application/json"))).StatusCode);

        using var reader = server.ClientAs(Roles.Leader);
        using var response = await reader.GetAsync($"/api/reports/{id}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", raw, StringComparison.Ordinal);
        Assert.Equal(Hostile, JsonDocument.Parse(raw).RootElement.GetProperty("description").GetString());
        Assert.Equal("1", (await server.Postgres.RunSqlAsync("select count(*) from citizen_reports where report_id = '" + id + "'")).Trim());
        Assert.Equal(Hostile, await Description(id));
    }

    [Fact]
    public async Task Reposting_the_same_report_is_idempotent()
    {
        var id = "dup-" + Guid.NewGuid().ToString("N")[..8];
        using var app = server.ClientAs(Roles.Reporter);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync("/api/reports", new StringContent(Report(id), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync("/api/reports", new StringContent(Report(id), Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Reporter_contact_is_never_in_lists_or_details_and_only_answerers_see_it_with_an_audit_row()
    {
        var id = "pd-" + Guid.NewGuid().ToString("N")[..8];
        const string phone = "+84 912 345 678";
        using var app = server.ClientAs(Roles.Reporter);
        Assert.Equal(HttpStatusCode.Created, (await app.PostAsync("/api/reports",
            new StringContent(Report(id, name: "Nguyễn Văn A", phone: phone), Encoding.UTF8, "application/json"))).StatusCode);

        foreach (var role in new[] { Roles.Leader, Roles.Operator, Roles.Admin })
        {
            using var client = server.ClientAs(role);
            Assert.DoesNotContain(phone, await client.GetStringAsync("/api/reports"), StringComparison.Ordinal);
            Assert.DoesNotContain(phone, await client.GetStringAsync($"/api/reports/{id}"), StringComparison.Ordinal);
        }
        foreach (var role in new[] { Roles.Leader, Roles.Wall, Roles.Reporter, Roles.Monitor })
        {
            using var client = server.ClientAs(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/reports/{id}/contact")).StatusCode);
        }

        using var operatorClient = server.ClientAs(Roles.Operator);
        var contact = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/contact");
        Assert.Equal(phone, contact.GetProperty("phone").GetString());
        var audit = await server.Postgres.RunSqlAsync($"select actor || '|' || action from audit_log where subject = '{id}'");
        Assert.Equal($"test-{Roles.Operator}|report.contact.viewed", audit.Trim());
    }

    private Task<string> Description(string id) =>
        server.Postgres.RunSqlAsync($"select description from citizen_reports where report_id = '{id}'").ContinueWith(t => t.Result.TrimEnd('\n'), TaskScheduler.Default);

    private static string Report(string id, string description = "Ổ gà lớn trên đường", string? name = null, string? phone = null) =>
        JsonSerializer.Serialize(new
        {
            reportId = id, ts = "2026-11-26T08:15:00+07:00", category = "infrastructure", description, lat = 20.846, lon = 106.676,
            photoUrl = "https://app.example/p/1.jpg", reporter = name is null && phone is null ? null : new { name, phone, email = (string?)null },
        });
}

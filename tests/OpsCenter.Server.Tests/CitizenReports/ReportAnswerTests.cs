using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.CitizenReports;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Tests.CitizenReports;

/// <summary>Reports become citizen incidents, get answered once (persisted), judged by their source system, and counted.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReportAnswerTests(ServerFixture server)
{
    private const string Phone = "0912 345 678";
    private const string Email = "lan.nguyen@example.org";

    [Fact]
    public async Task A_new_report_raises_a_citizen_incident_without_contact_data()
    {
        var id = NewId("inc");
        await SubmitAsync(id, category: "security", description: $"Trộm xe máy, gọi tôi {Phone} hoặc {Email}", source: "hotline");

        var incident = await server.Factory.Services.GetRequiredService<IncidentStore>().LoadActiveAsync(id, ReportIncidents.IncidentType, TestContext.Current.CancellationToken);
        Assert.NotNull(incident);
        var row = await server.Factory.Services.GetRequiredService<IncidentStore>().GetAsync(incident.Id, TestContext.Current.CancellationToken);
        Assert.Equal("citizen", row!.Category);
        Assert.Equal("major", row.Severity);
        Assert.Equal("lechan", row.AreaId);
        Assert.StartsWith("security: Trộm xe máy", row.Summary, StringComparison.Ordinal);
        foreach (var personal in new[] { "Nguyễn Thị Lan", "0912", "345 678", Email })
            Assert.DoesNotContain(personal, row.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_is_persisted_and_a_second_one_gets_409()
    {
        var id = NewId("ans");
        await SubmitAsync(id);
        using var operatorClient = server.ClientAs(Roles.Operator);
        using var first = await operatorClient.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "Đội duy tu sẽ vá ổ gà trong tuần." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var admin = server.ClientAs(Roles.Admin);
        using var second = await admin.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "Another answer" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var stored = await server.Factory.Services.GetRequiredService<ReportStore>().LoadAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal("Đội duy tu sẽ vá ổ gà trong tuần.", stored!.OperatorAnswer!.Text);
        Assert.Equal("test-operator", stored.OperatorAnswer.By);
        Assert.Equal(ReportStatus.Answered, stored.Status);

        var incidents = server.Factory.Services.GetRequiredService<IncidentStore>();
        var incident = await incidents.LoadActiveAsync(id, ReportIncidents.IncidentType, TestContext.Current.CancellationToken);
        var detail = await incidents.GetDetailAsync(incident!.Id, TestContext.Current.CancellationToken);
        Assert.Contains(detail!.Trail, e => e.Actor == "test-operator" && e.Note == "Answered the citizen report.");
    }

    [Fact]
    public async Task Of_two_operators_answering_at_once_one_wins_and_the_other_gets_409()
    {
        var id = NewId("race");
        await SubmitAsync(id);
        using var a = server.ClientAs(Roles.Operator);
        using var b = server.ClientAs(Roles.Admin);
        var responses = await Task.WhenAll(
            a.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "from a" }, TestContext.Current.CancellationToken),
            b.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "from b" }, TestContext.Current.CancellationToken));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        foreach (var r in responses)
            r.Dispose();
    }

    [Fact]
    public async Task The_source_system_records_the_verdict_only_after_an_answer_and_only_once()
    {
        var id = NewId("ver");
        await SubmitAsync(id);
        using var app = server.ClientAs(Roles.Reporter);
        using (var early = await app.PostAsJsonAsync($"/api/reports/{id}/verdict", new { agreed = true }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using var operatorClient = server.ClientAs(Roles.Operator);
        (await operatorClient.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "Đã xử lý." }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        using (var verdict = await app.PostAsJsonAsync($"/api/reports/{id}/verdict", new { agreed = false }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.OK, verdict.StatusCode);
        using (var again = await app.PostAsJsonAsync($"/api/reports/{id}/verdict", new { agreed = true }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var stored = await server.Factory.Services.GetRequiredService<ReportStore>().LoadAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(ReportStatus.Disputed, stored!.Status);
    }

    [Fact]
    public async Task A_source_outside_1_to_64_characters_is_refused()
    {
        using var app = server.ClientAs(Roles.Reporter);
        using var response = await app.PostAsync("/api/reports", Body(NewId("src"), source: new string('s', 65)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("source", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_count_received_answered_and_median_time_per_source_and_area()
    {
        var source = NewId("fig");
        var ids = new[] { NewId("f1"), NewId("f2"), NewId("f3") };
        foreach (var id in ids)
            await SubmitAsync(id, source: source);
        using var operatorClient = server.ClientAs(Roles.Operator);
        foreach (var id in ids[..2])
            (await operatorClient.PostAsJsonAsync($"/api/reports/{id}/answer", new { text = "ok" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        using var leader = server.ClientAs(Roles.Leader);
        var figures = await leader.GetFromJsonAsync<JsonElement>("/api/reports/figures?area=lechan&bySource=true", TestContext.Current.CancellationToken);
        var mine = figures.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("key").GetString() == source);
        Assert.Equal(3, mine.GetProperty("received").GetInt64());
        Assert.Equal(2, mine.GetProperty("answered").GetInt64());
        Assert.Equal(66.7, mine.GetProperty("answeredPercent").GetDouble());
        Assert.True(mine.GetProperty("medianMinutesToAnswer").GetDouble() >= 0);
        var area = figures.GetProperty("areas").EnumerateArray().Single();
        Assert.Equal("lechan", area.GetProperty("key").GetString());
        Assert.Equal(figures.GetProperty("city").GetProperty("received").GetInt64(), area.GetProperty("received").GetInt64());
    }

    private async Task SubmitAsync(string id, string category = "infrastructure", string description = "Ổ gà lớn trên đường Lạch Tray", string? source = null)
    {
        using var app = server.ClientAs(Roles.Reporter);
        using var response = await app.PostAsync("/api/reports", Body(id, category, description, source), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static StringContent Body(string id, string category = "infrastructure", string description = "Ổ gà", string? source = null) =>
        new(JsonSerializer.Serialize(new
        {
            reportId = id, ts = "2026-11-26T08:15:00+07:00", category, description, lat = 20.8461, lon = 106.6761, source,
            reporter = new { name = "Nguyễn Thị Lan", phone = Phone, email = Email },
        }), System.Text.Encoding.UTF8, "application/json");

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];
}

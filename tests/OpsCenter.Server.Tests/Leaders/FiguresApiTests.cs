using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>Socio-economic figures through the Server on real PostgreSQL: uploads are all or nothing, re-uploads replace.</summary>
[Collection(ServerCollection.Name)]
public sealed class FiguresApiTests(ServerFixture server)
{
    private const string Header = "indicator,unit,period,value,source\n";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every test its own indicator: the table is shared with the other tests of the collection.</summary>
    private readonly string _indicator = "Hành khách đường sắt " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_CSV_with_one_bad_row_imports_nothing_and_names_the_row()
    {
        using var admin = server.ClientAs(Roles.Admin);
        var csv = Header +
            $"{_indicator},lượt,2022-09,520000,Sở GTVT\n" +
            $"{_indicator},lượt,2022-10,552000,Sở GTVT\n" +
            $"{_indicator},lượt,2022-11,5,40,Sở GTVT\n" + // line 4: an unquoted comma makes six fields
            $"{_indicator},lượt,2022-12,560000,Sở GTVT\n";

        using var response = await admin.PostAsync("/api/leaders/figures/csv", Csv(csv), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([4], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("6 fields where the header has 5", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(_indicator));
    }

    [Fact]
    public async Task A_re_upload_of_the_same_period_replaces_and_never_doubles()
    {
        using var admin = server.ClientAs(Roles.Admin);
        var first = await ImportAsync(admin, Header + $"{_indicator},lượt,2021-10,110400,Sở GTVT\n{_indicator},lượt,2022-10,500000,Sở GTVT (ước tính)\n");
        Assert.Equal((2, 0), (first.GetProperty("added").GetInt32(), first.GetProperty("replaced").GetInt32()));

        var second = await ImportAsync(admin, Header + $"{_indicator},lượt,2022-10,552000,Sở GTVT (chính thức)\n{_indicator},lượt,2022-11,540000,Sở GTVT\n");
        Assert.Equal((1, 1), (second.GetProperty("added").GetInt32(), second.GetProperty("replaced").GetInt32()));

        Assert.Equal(3, await RowsAsync(_indicator));
        using var leader = server.ClientAs(Roles.Leader);
        var series = await SeriesAsync(leader, _indicator, "month");
        Assert.Equal(["2021-10", "2022-10", "2022-11"], series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(552000m, series.GetProperty("points")[1].GetProperty("value").GetDecimal());
        Assert.Equal("2022-11", series.GetProperty("latest").GetProperty("period").GetString());
    }

    [Fact]
    public async Task A_department_posts_figures_with_its_key_and_the_year_on_year_change_is_computed()
    {
        using var department = server.ClientAs(Roles.Department);
        using var posted = await department.PostAsJsonAsync("/api/leaders/figures", new object[]
        {
            new { indicator = _indicator, unit = "lượt", period = "2021-10", value = 110400, source = "Ga Hải Phòng" },
            new { indicator = _indicator, unit = "lượt", period = "2022-10", value = 552000, source = "Ga Hải Phòng" },
            new { indicator = _indicator, unit = "lượt", period = "2022", value = 5_400_000, source = "Ga Hải Phòng" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        using var leader = server.ClientAs(Roles.Leader);
        var monthly = await SeriesAsync(leader, _indicator, "month");
        Assert.Equal("lượt", monthly.GetProperty("unit").GetString());
        Assert.Equal(552000m, monthly.GetProperty("latest").GetProperty("value").GetDecimal());
        Assert.Equal("2021-10", monthly.GetProperty("yearEarlier").GetProperty("period").GetString());
        Assert.Equal(5.0, monthly.GetProperty("yearOnYearRatio").GetDouble());
        Assert.Equal(400.0, monthly.GetProperty("yearOnYearPercent").GetDouble());
        Assert.False(monthly.GetProperty("demo").GetBoolean());
        // The yearly value is a series of its own, with no year before it to compare.
        var yearly = await SeriesAsync(leader, _indicator, "year");
        Assert.Equal(JsonValueKind.Null, yearly.GetProperty("yearOnYearPercent").ValueKind);
    }

    [Fact]
    public async Task A_bad_item_in_a_departments_post_stores_nothing_and_names_the_item()
    {
        using var department = server.ClientAs(Roles.Department);
        using var response = await department.PostAsync("/api/leaders/figures", new StringContent(
            $$"""[{"indicator":"{{_indicator}}","unit":"lượt","period":"2022-10","value":552000,"source":"Ga"},{"indicator":"{{_indicator}}","unit":"lượt","period":"2022-11","value":"540000","source":"Ga"}]""",
            Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2], errors.Select(e => e.GetProperty("item").GetInt32()));
        Assert.Equal(0, await RowsAsync(_indicator));
    }

    [Fact]
    public async Task A_unit_other_than_the_stored_one_is_refused_whole()
    {
        using var admin = server.ClientAs(Roles.Admin);
        await ImportAsync(admin, Header + $"{_indicator},lượt,2022-10,552000,Sở GTVT\n");

        using var response = await admin.PostAsync("/api/leaders/figures/csv",
            Csv(Header + $"{_indicator},lượt,2022-11,540000,Sở GTVT\n{_indicator},nghìn lượt,2022-12,560,Sở GTVT\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(1, await RowsAsync(_indicator)); // 2022-11 on line 2 was good, and still not stored
    }

    [Fact]
    public async Task A_multipart_upload_works_like_a_text_csv_body()
    {
        using var admin = server.ClientAs(Roles.Admin);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + $"{_indicator},lượt,2022-Q4,1650000,Sở GTVT\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "figures.csv");

        using var response = await admin.PostAsync("/api/leaders/figures/csv", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await RowsAsync(_indicator));
    }

    [Fact]
    public async Task Uploads_over_the_size_cap_or_not_UTF8_or_of_another_type_are_refused()
    {
        using var admin = server.ClientAs(Roles.Admin);
        var big = new StringBuilder(Header);
        while (big.Length <= 1024 * 1024)
            big.Append(_indicator).Append(",lượt,2022,1,").Append('x', 150).Append('\n');
        using (var tooBig = await admin.PostAsync("/api/leaders/figures/csv", Csv(big.ToString()), Ct))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        var latin1 = new ByteArrayContent([.. Encoding.UTF8.GetBytes(Header + "H"), 0xE0, .. Encoding.UTF8.GetBytes(",x,2022,1,s\n")]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using (var notUtf8 = await admin.PostAsync("/api/leaders/figures/csv", latin1, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
            Assert.Contains("UTF-8", await notUtf8.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var json = await admin.PostAsJsonAsync("/api/leaders/figures/csv", new { csv = "x" }, Ct))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(0, await RowsAsync(_indicator));
    }

    [Fact]
    public async Task Only_admins_upload_files_and_only_department_keys_post_figures()
    {
        using var leader = server.ClientAs(Roles.Leader);
        using var byLeader = await leader.PostAsync("/api/leaders/figures/csv", Csv(Header + $"{_indicator},lượt,2022,1,s\n"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        using var reporter = server.ClientAs(Roles.Reporter);
        using var byReporter = await reporter.PostAsJsonAsync("/api/leaders/figures", new[] { new { indicator = _indicator, unit = "x", period = "2022", value = 1, source = "s" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byReporter.StatusCode);
        Assert.Equal(0, await RowsAsync(_indicator));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> ImportAsync(HttpClient admin, string csv)
    {
        using var response = await admin.PostAsync("/api/leaders/figures/csv", Csv(csv), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    private static async Task<JsonElement> SeriesAsync(HttpClient client, string indicator, string periodKind)
    {
        var all = await client.GetFromJsonAsync<JsonElement>("/api/leaders/figures", Ct);
        return all.EnumerateArray().Single(s => s.GetProperty("indicator").GetString() == indicator && s.GetProperty("periodKind").GetString() == periodKind);
    }

    private async Task<long> RowsAsync(string indicator)
    {
        await using var connection = new NpgsqlConnection(server.Postgres.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM socio_economic_figures WHERE indicator = @indicator", connection);
        command.Parameters.AddWithValue("indicator", indicator);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}

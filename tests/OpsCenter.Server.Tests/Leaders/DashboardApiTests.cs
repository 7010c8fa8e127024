using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>The leaders' summary and trends, computed from an indicator source with known numbers.</summary>
[Collection(ServerCollection.Name)]
public sealed class DashboardApiTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private static readonly TimeZoneInfo City = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, City).DateTime);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_day_is_compared_with_the_day_before_and_the_mean_of_the_seven_days_before_it()
    {
        var day = Today.AddDays(-10);
        const string key = IndicatorCatalog.CasesOnTimePercent;
        host.Source.Set(day, null, key, 90);
        host.Source.Set(day.AddDays(-1), null, key, 80);
        // Days 2…8 back. The day with nothing measured is left out of the mean rather than counted as 0; the 8th day
        // back is outside the 7 days.
        double?[] earlier = [60, null, 70, 90, 100, 50, 1000];
        for (var i = 0; i < earlier.Length; i++)
        {
            if (earlier[i] is { } v)
                host.Source.Set(day.AddDays(-2 - i), null, key, v);
        }
        host.Source.Set(day, "lechan", key, 95);

        using var leader = host.ClientAs(Roles.Leader);
        var summary = await leader.GetFromJsonAsync<JsonElement>($"/api/leaders/summary?day={day:yyyy-MM-dd}", Ct);

        Assert.Equal(day.ToString("yyyy-MM-dd"), summary.GetProperty("day").GetString());
        Assert.False(summary.GetProperty("isToday").GetBoolean());
        var indicator = Indicator(summary, key);
        var city = indicator.GetProperty("city");
        Assert.Equal(90, city.GetProperty("day").GetDouble());
        Assert.Equal(80, city.GetProperty("previousDay").GetDouble());
        Assert.Equal(75, city.GetProperty("sevenDayAverage").GetDouble()); // (80+60+70+90+100+50) / 6
        Assert.Equal(95, indicator.GetProperty("areas").GetProperty("lechan").GetProperty("day").GetDouble());
        Assert.Equal(JsonValueKind.Null, indicator.GetProperty("areas").GetProperty("hongbang").GetProperty("day").ValueKind);
        Assert.Equal("onTimeRateToday", indicator.GetProperty("liveKpi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(indicator.GetProperty("definitionVi").GetString()));
        Assert.Equal("Tiến độ, kết quả giải quyết", indicator.GetProperty("decision766Group").GetString());
        var periods = summary.GetProperty("periods");
        Assert.Equal(day.AddDays(-7).ToString("yyyy-MM-dd"), periods.GetProperty("sevenDaysFrom").GetString());
        Assert.Equal(day.AddDays(-1).ToString("yyyy-MM-dd"), periods.GetProperty("sevenDaysTo").GetString());
    }

    [Fact]
    public async Task Indicators_no_device_measures_are_listed_as_not_measured_without_a_value()
    {
        using var leader = host.ClientAs(Roles.Leader);
        var summary = await leader.GetFromJsonAsync<JsonElement>("/api/leaders/summary", Ct);

        Assert.True(summary.GetProperty("isToday").GetBoolean());
        var keys = summary.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ToList();
        Assert.Equal(IndicatorCatalog.All.Select(d => d.Key), keys);
        foreach (var key in new[] { IndicatorCatalog.Digitisation, IndicatorCatalog.OnlinePayment })
        {
            var indicator = Indicator(summary, key);
            Assert.False(indicator.GetProperty("measured").GetBoolean());
            Assert.Equal(JsonValueKind.Null, indicator.GetProperty("city").GetProperty("day").ValueKind);
            Assert.Equal(JsonValueKind.Null, indicator.GetProperty("liveKpi").ValueKind);
        }
        // Counts (today so far is not a whole day) are flagged, so the page shows no change for them today; rates are not.
        Assert.Equal([IndicatorCatalog.TicketsServed, IndicatorCatalog.CitizenReportsReceived, IndicatorCatalog.CongestionHours],
            summary.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("volume").GetBoolean()).Select(i => i.GetProperty("key").GetString()));
        var groups = summary.GetProperty("decision766").EnumerateArray()
            .ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("measured").GetBoolean());
        Assert.False(groups["Thanh toán trực tuyến"]);
        Assert.False(groups["Số hóa hồ sơ"]);
        Assert.True(groups["Mức độ hài lòng"]);
        Assert.Equal("Asia/Ho_Chi_Minh", summary.GetProperty("timeZone").GetString());
        Assert.Equal(["lechan", "hongbang"], summary.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Areas_are_ranked_by_the_composite_score_or_by_one_indicator()
    {
        var day = Today.AddDays(-20);
        // Lê Chân resolves more cases on time and is rated higher; Hồng Bàng has the shorter wait.
        host.Source.Set(day, "lechan", IndicatorCatalog.CasesOnTimePercent, 90);
        host.Source.Set(day, "hongbang", IndicatorCatalog.CasesOnTimePercent, 60);
        host.Source.Set(day, "lechan", IndicatorCatalog.AverageWaitMinutes, 10);
        host.Source.Set(day, "hongbang", IndicatorCatalog.AverageWaitMinutes, 5);
        host.Source.Set(day, "lechan", IndicatorCatalog.Satisfaction, 4.5);
        host.Source.Set(day, "hongbang", IndicatorCatalog.Satisfaction, 4.0);
        using var leader = host.ClientAs(Roles.Leader);

        var composite = (await leader.GetFromJsonAsync<JsonElement>($"/api/leaders/summary?day={day:yyyy-MM-dd}", Ct)).GetProperty("ranking");
        Assert.Equal("composite", composite.GetProperty("by").GetString());
        var rows = composite.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["lechan", "hongbang"], rows.Select(r => r.GetProperty("areaId").GetString()));
        Assert.Equal(66.7, rows[0].GetProperty("score").GetDouble());
        Assert.Equal(33.3, rows[1].GetProperty("score").GetDouble());
        Assert.Equal(3, rows[0].GetProperty("compared").GetInt32());

        var byWait = (await leader.GetFromJsonAsync<JsonElement>($"/api/leaders/summary?day={day:yyyy-MM-dd}&rankBy=averageWaitMinutes", Ct)).GetProperty("ranking");
        Assert.Equal(["hongbang", "lechan"], byWait.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("areaId").GetString()));
        Assert.Equal(5, byWait.GetProperty("rows")[0].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Weeks_and_months_are_whole_periods_cut_at_from_and_to()
    {
        using var leader = host.ClientAs(Roles.Admin);
        var key = FakeIndicatorSource.DayCountKey;

        var weeks = await leader.GetFromJsonAsync<JsonElement>($"/api/leaders/trends?indicator={key}&grain=week&from=2026-11-04&to=2026-11-20", Ct);
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], weeks.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([5.0, 7, 5], weeks.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 17, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), weeks.GetProperty("points")[0].GetProperty("t").GetInt64());

        var months = await leader.GetFromJsonAsync<JsonElement>($"/api/leaders/trends?indicator={key}&grain=month&from=2026-01-15&to=2026-03-10&area=lechan", Ct);
        Assert.Equal(["2026-01", "2026-02", "2026-03"], months.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([17.0, 28, 10], months.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Contains(new CityDays(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), host.Source.Tables);
    }

    [Fact]
    public async Task Hours_and_days_come_from_the_sources_trend_for_the_asked_scope()
    {
        using var leader = host.ClientAs(Roles.Leader);
        var hours = await leader.GetFromJsonAsync<JsonElement>("/api/leaders/trends?indicator=averageSpeedKmh&area=hongbang&grain=hour&from=2026-11-23&to=2026-11-24", Ct);
        var points = hours.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(48, points.Count);
        Assert.Equal("2026-11-23T08", points[8].GetProperty("period").GetString());
        Assert.Equal(8, points[8].GetProperty("value").GetDouble());
        Assert.Contains(host.Source.Trends, t => t is { Key: "averageSpeedKmh", Area: "hongbang", Grain: IndicatorGrain.Hour }
            && t.Days == new CityDays(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)));

        var days = await leader.GetFromJsonAsync<JsonElement>("/api/leaders/trends?indicator=satisfaction&to=2026-11-24", Ct);
        Assert.Equal(30, days.GetProperty("points").GetArrayLength()); // the default: 30 days up to "to"
        Assert.Equal("2026-10-26", days.GetProperty("points")[0].GetProperty("period").GetString());
    }

    [Theory]
    [InlineData("/api/leaders/trends", "indicator is required")]
    [InlineData("/api/leaders/trends?indicator=happiness", "unknown indicator 'happiness'")]
    [InlineData("/api/leaders/trends?indicator=onlinePaymentPercent", "not measured")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&grain=year", "grain must be hour, day, week or month")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&area=atlantis", "unknown area 'atlantis'")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&from=2026-11-20&to=2026-11-01", "from must not be after to")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&grain=hour&from=2026-11-01&to=2026-11-20", "at most 7 days of hours")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&grain=month&from=2020-01-01&to=2026-11-20", "at most 24 months")]
    [InlineData("/api/leaders/trends?indicator=satisfaction&from=20-11-2026", "is not a date written yyyy-MM-dd")]
    [InlineData("/api/leaders/summary?day=yesterday", "is not a date written yyyy-MM-dd")]
    [InlineData("/api/leaders/summary?day=2999-01-01", "is outside")]
    [InlineData("/api/leaders/summary?rankBy=digitisationPercent", "is not a measured indicator")]
    public async Task Bad_queries_get_400_saying_what_is_wrong(string path, string message)
    {
        using var leader = host.ClientAs(Roles.Leader);
        using var response = await leader.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_and_wall_screens_do_not_read_the_dashboard()
    {
        foreach (var role in new[] { Roles.Operator, Roles.Wall })
        {
            using var client = host.ClientAs(role);
            using var response = await client.GetAsync("/api/leaders/summary", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private static JsonElement Indicator(JsonElement summary, string key) =>
        summary.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);
}

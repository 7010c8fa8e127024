using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The leaders' dashboard on real parts, in Chromium: a leader lands on it after sign-in and sees the indicators (the
/// unmeasured ones as such), today's live figures move without a reload, the demo socio-economic figures with their
/// year-on-year change, the reports list with its download link, English on the switch; an admin's CSV with a bad row
/// is refused whole, naming the line.
/// </summary>
public sealed partial class LeadersDashboardTests(CityFixture city) : IClassFixture<CityFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_shows_the_indicators_live_figures_socio_economic_figures_and_reports()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        // The reports list as the reports API answers it (that API is built and tested on its own): one ready, one failed.
        await page.RouteAsync("**/api/leaders/reports", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = """
                [{"id":"r2","kind":"weekly","from":"2026-11-23","to":"2026-11-29","createdAt":"2026-11-30T01:00:00Z","status":"ready","error":null,"pdfUrl":"/api/leaders/reports/r2/pdf","charts":[]},
                 {"id":"r1","kind":"daily","from":"2026-11-29","to":"2026-11-29","createdAt":"2026-11-29T17:30:00Z","status":"failed","error":"InfluxDB did not answer","pdfUrl":null,"charts":[]}]
                """,
        }));

        await BrowserSignIn.SignInAsync(page, city, CityFixture.LeaderName, returnUrl: "/");
        await BrowserSignIn.ArrivesAtAsync(page, LeadersUrl());
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });

        // Every indicator of the catalogue, each with its definition; the decision's unmeasured ones say so.
        var rows = page.Locator("[data-testid=indicator-rows] tr");
        Assert.Equal(17, await rows.CountAsync());
        Assert.Contains("Hồ sơ giải quyết trước và đúng hạn", await page.InnerTextAsync("[data-testid=indicator-rows] tr[data-key=casesOnTimePercent]"), StringComparison.Ordinal);
        Assert.Equal("chưa đo", (await page.InnerTextAsync("tr[data-key=onlinePaymentPercent] [data-testid=not-measured]")).Trim());
        Assert.Equal("chưa đo", (await page.InnerTextAsync("tr[data-key=digitisationPercent] [data-testid=not-measured]")).Trim());
        var decision = await page.InnerTextAsync("[data-testid=decision766]");
        Assert.Matches(new Regex("Thanh toán trực tuyến\\s*chưa đo"), decision);
        Assert.Matches(new Regex("Mức độ hài lòng\\s*đo được"), decision);
        Assert.Equal(2, await page.Locator("[data-testid=ranking-rows] tr").CountAsync());

        // Live: the city view arrives (40 cameras in this city), and a rating given now moves today's satisfaction.
        await page.WaitForSelectorAsync("[data-testid=connection-state][data-state=connected]", new() { Timeout = 30_000 });
        await Eventually.True(async () => (await page.InnerTextAsync("[data-now=cameras]")).EndsWith("/ 40", StringComparison.Ordinal), Patience, "the live camera count");
        await using (var office = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: "q-lechan-01", username: "q-lechan-01", password: city.DeviceSecret("q-lechan-01")))
        {
            await office.PublishAsync(DeviceTopic.For(DeviceKind.Counter, "q-lechan-01", DeviceChannel.Event), string.Create(CultureInfo.InvariantCulture,
                $$"""{"deviceId":"q-lechan-01","ts":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffK}}","seq":1,"type":"rating","score":4,"ticketId":"A-001"}"""));
        }
        var satisfaction = page.Locator("tr[data-key=satisfaction] td[data-cell=day]");
        await Eventually.True(async () => (await satisfaction.InnerTextAsync()).Contains("4,00", StringComparison.Ordinal), Patience, "today's satisfaction from the live view");
        Assert.Equal("true", await satisfaction.GetAttributeAsync("data-live"));
        Assert.Equal("false", await page.GetAttributeAsync("tr[data-key=citizenReportsReceived] td[data-cell=day]", "data-live"));

        // The demo figures: October 2022's rail passengers, five times a year earlier.
        var rail = page.Locator("[data-testid=figure][data-indicator='Hành khách đường sắt Hà Nội – Hải Phòng']");
        await rail.WaitForAsync();
        Assert.Equal("552.000", (await rail.Locator("[data-testid=figure-value]").InnerTextAsync()).Trim());
        Assert.Equal("10/2022", (await rail.Locator("[data-testid=figure-period]").InnerTextAsync()).Trim());
        var change = await rail.Locator("[data-testid=figure-yoy]").InnerTextAsync();
        Assert.Contains("+400 %", change, StringComparison.Ordinal);
        Assert.Contains("gấp 5,0 lần", change, StringComparison.Ordinal);
        Assert.Contains("dữ liệu mẫu", await rail.InnerTextAsync(), StringComparison.Ordinal);
        var yearly = page.Locator("[data-testid=figure][data-indicator='Tăng trưởng GRDP']");
        Assert.Contains("12,32", await yearly.InnerTextAsync(), StringComparison.Ordinal);

        // Reports: the ready one offers its PDF, the failed one says so.
        Assert.Equal("/api/leaders/reports/r2/pdf", await page.GetAttributeAsync("tr[data-report=r2] [data-testid=report-download]", "href"));
        Assert.Contains("23/11/2026 – 29/11/2026", await page.InnerTextAsync("tr[data-report=r2]"), StringComparison.Ordinal);
        var failed = await page.InnerTextAsync("tr[data-report=r1]");
        Assert.Contains("30/11/2026", failed, StringComparison.Ordinal); // 17:30 UTC is 00:30 the next day in Hai Phong
        Assert.Contains("00:30", failed, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("tr[data-report=r1] [data-testid=report-download]").CountAsync());

        await page.WaitForSelectorAsync("[data-testid=trend-chart][data-state=ready]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "TestResults", "leaders.png"), FullPage = true });

        // English on the switch, with en-GB numbers.
        await page.ClickAsync("[data-testid=lang-toggle]");
        await page.WaitForSelectorAsync("html[lang=en]"); // not WaitForFunction: the page's CSP forbids eval
        Assert.Equal("not measured", (await page.InnerTextAsync("tr[data-key=onlinePaymentPercent] [data-testid=not-measured]")).Trim());
        Assert.Contains("Cases resolved early or on time", await page.InnerTextAsync("tr[data-key=casesOnTimePercent]"), StringComparison.Ordinal);
        Assert.Equal("552,000", (await rail.Locator("[data-testid=figure-value]").InnerTextAsync()).Trim());
        Assert.Contains("5.0 times", await rail.Locator("[data-testid=figure-yoy]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Oct 2022", (await rail.Locator("[data-testid=figure-period]").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task An_admins_CSV_with_one_bad_row_is_refused_whole_and_names_the_line()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, city, CityFixture.AdminName, returnUrl: "/leaders");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });

        const string indicator = "Lượt khách qua cảng Lạch Huyện";
        await UploadAsync(page, $"indicator,unit,period,value,source\n{indicator},lượt,2022-10,1200,Cảng vụ\n{indicator},lượt,2022-11,1.200,5,Cảng vụ\n");
        var result = page.Locator("[data-testid=figures-upload-result][data-kind=error]");
        await result.WaitForAsync();
        Assert.Contains("Dòng 3:", await result.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"[data-testid=figure][data-indicator='{indicator}']").CountAsync());
        Assert.DoesNotContain(indicator, await FiguresJsonAsync(), StringComparison.Ordinal);

        // Fixed, the same file is imported whole and shows up on the dashboard.
        await UploadAsync(page, $"indicator,unit,period,value,source\n{indicator},lượt,2022-10,1200,Cảng vụ\n{indicator},lượt,2022-11,1250,Cảng vụ\n");
        await page.Locator("[data-testid=figures-upload-result][data-kind=ok]").WaitForAsync();
        Assert.Equal("1.250", (await page.InnerTextAsync($"[data-testid=figure][data-indicator='{indicator}'] [data-testid=figure-value]")).Trim());
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.SetInputFilesAsync("[data-testid=figures-file]", new FilePayload { Name = "figures.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=figures-upload] button[type=submit]");
    }

    private async Task<string> FiguresJsonAsync()
    {
        using var http = new HttpClient { BaseAddress = city.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await city.TokenAsync(CityFixture.LeaderName));
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/leaders/figures"));
        return doc.RootElement.GetRawText();
    }

    [GeneratedRegex("/leaders$")]
    private static partial Regex LeadersUrl();
}

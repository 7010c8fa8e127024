using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Simulators.Snapshots;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The console's incident detail on real parts: a camera event's picture comes through the Server's snapshot proxy
/// from the simulator's picture server (and a picture from a host not allowed is refused with a clear note), and an
/// operator answers a citizen report — including losing a race to a colleague, told plainly.
/// </summary>
public sealed class IncidentConsoleTests(CityFixture city) : IClassFixture<CityFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_camera_incident_shows_its_snapshot_through_the_server_and_a_refused_one_says_why()
    {
        const string allowedCamera = "cam-lechan-0003";
        const string refusedCamera = "cam-hongbang-0004";
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var allowedUrl = $"{city.Snapshots.BaseUrl}{allowedCamera}/{at.ToUnixTimeSeconds()}.png?token=nvr-secret";
        // Same picture server, but named "localhost": not the host:port the allow-list names, so the Server refuses.
        var refusedUrl = allowedUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace(allowedCamera, refusedCamera, StringComparison.Ordinal);
        await PublishAccidentAsync(allowedCamera, at, allowedUrl);
        await PublishAccidentAsync(refusedCamera, at, refusedUrl);
        var allowed = await IncidentOfAsync(allowedCamera);
        var refused = await IncidentOfAsync(refusedCamera);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var console = await SignInAsync(browser, $"/console?view=incidents&incident={allowed}");

        var image = console.Locator("[data-testid=incident-snapshot]");
        await image.WaitForAsync(new() { Timeout = 30_000 });
        await Eventually.True(async () => await image.EvaluateAsync<int>("i => i.complete ? i.naturalWidth : 0") > 0, Patience, "the snapshot to load");
        Assert.Equal(SyntheticSnapshot.Width, await image.EvaluateAsync<int>("i => i.naturalWidth"));
        Assert.Equal(SyntheticSnapshot.Height, await image.EvaluateAsync<int>("i => i.naturalHeight"));
        // The browser was given a same-origin blob of the proxy's answer, never the camera's URL or its token.
        Assert.StartsWith("blob:", await image.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.DoesNotContain("nvr-secret", await console.ContentAsync(), StringComparison.Ordinal);

        await console.GotoAsync(new Uri(city.Server.BaseUrl, $"console?view=incidents&incident={refused}").ToString());
        var note = console.Locator("[data-testid=incident-snapshot-note][data-state=refused]");
        await note.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("không nằm trong danh sách cho phép", await note.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await console.Locator("[data-testid=incident-snapshot]:visible").CountAsync());
    }

    [Fact]
    public async Task An_operator_answers_a_citizen_report_in_the_console_and_a_late_colleague_is_told_it_was_answered()
    {
        using var reporter = await ReporterAsync();
        var area = city.City.Areas[0];
        var first = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        var second = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        const string phone = "0912 345 678";
        foreach (var id in new[] { first, second })
        {
            using var submitted = await reporter.PostAsJsonAsync("api/reports", new
            {
                reportId = id, ts = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O", CultureInfo.InvariantCulture), category = "urbanOrder",
                description = "Lấn chiếm vỉa hè trước chợ", lat = area.Lat, lon = area.Lon, source = "hotline",
                reporter = new { name = "Nguyễn Văn A", phone, email = "a@example.vn" },
            });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }
        var incident = await IncidentOfAsync(first);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var console = await SignInAsync(browser, $"/console?view=incidents&incident={incident}");

        // The report in the citizen incident's detail; the contact only on request (and then audited).
        var panel = console.Locator($"[data-testid=report-panel][data-report=\"{first}\"]");
        await panel.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("Lấn chiếm vỉa hè", await panel.Locator("[data-testid=report-description]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone, await console.ContentAsync(), StringComparison.Ordinal);
        await panel.Locator("[data-testid=report-show-contact]").ClickAsync();
        await Eventually.True(async () => await panel.Locator("[data-testid=report-contact-phone]").CountAsync() == 1, Patience, "the contact");
        Assert.Equal(phone, await panel.Locator("[data-testid=report-contact-phone]").InnerTextAsync());
        Assert.Contains("report.contact.viewed", await city.Postgres.RunSqlAsync(
            $"select action from audit_log where actor = '{CityFixture.OperatorName}' and subject = '{first}'"), StringComparison.Ordinal);

        await panel.Locator("[data-testid=report-answer-input]").FillAsync("Đã chuyển đội trật tự đô thị xử lý.");
        await panel.Locator("[data-testid=report-answer-submit]").ClickAsync();
        var answered = console.Locator($"[data-testid=report-panel][data-report=\"{first}\"][data-answered=true]");
        await answered.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(CityFixture.OperatorName, await answered.Locator("[data-testid=report-answered-by]").InnerTextAsync());
        Assert.Equal("Chưa có phản hồi", await answered.Locator("[data-testid=report-verdict]").InnerTextAsync());

        // The reports view: the figures count the answer; the second report is opened to answer…
        await console.GotoAsync(new Uri(city.Server.BaseUrl, $"console?view=reports&report={second}").ToString());
        var cityFigures = console.Locator("[data-testid=report-figures-city]");
        await cityFigures.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("2", await cityFigures.Locator("[data-field=received]").InnerTextAsync());
        Assert.Equal("1", await cityFigures.Locator("[data-field=answered]").InnerTextAsync());
        Assert.Equal("50%", (await cityFigures.Locator("[data-field=answeredPercent]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal));
        var detail = console.Locator($"[data-testid=report-detail][data-report=\"{second}\"]");
        await detail.Locator("[data-testid=report-answer-input]").FillAsync("Chúng tôi sẽ kiểm tra.");

        // …but a colleague answers it first; the console says so and shows the answer that stands.
        using var admin = await PersonAsync(CityFixture.AdminName);
        using var colleague = await admin.PostAsync($"api/reports/{second}/answer", JsonContent.Create(new { text = "Đội trật tự đã đến nơi." }));
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
        await detail.Locator("[data-testid=report-answer-submit]").ClickAsync();
        await console.Locator("[data-testid=report-message][data-kind=conflict]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("Đội trật tự đã đến nơi.", await detail.Locator("[data-testid=report-answer-text]").InnerTextAsync());
        Assert.Equal(CityFixture.AdminName, await detail.Locator("[data-testid=report-answered-by]").InnerTextAsync());
        await Eventually.True(async () => await cityFigures.Locator("[data-field=answered]").InnerTextAsync() == "2", Patience, "the figures to count both answers");
    }

    private async Task PublishAccidentAsync(string camera, DateTimeOffset at, string snapshotUrl)
    {
        await using var device = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: camera, username: camera, password: city.DeviceSecret(camera));
        await device.PublishAsync(DeviceTopic.For(DeviceKind.Camera, camera, DeviceChannel.Event),
            $$"""{"deviceId":"{{camera}}","ts":"{{at.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture)}}","seq":1,"type":"accident","severity":"critical","objectCount":1,"snapshotUrl":"{{snapshotUrl}}"}""");
    }

    /// <summary>The active incident whose source is <paramref name="sourceId"/>, once the Server has raised it.</summary>
    private async Task<long> IncidentOfAsync(string sourceId)
    {
        using var http = await PersonAsync(CityFixture.OperatorName);
        long id = 0;
        await Eventually.True(async () =>
        {
            using var list = JsonDocument.Parse(await http.GetStringAsync("api/incidents?active=true&pageSize=500"));
            foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("sourceId").GetString() == sourceId)
                    id = item.GetProperty("id").GetInt64();
            }
            return id != 0;
        }, Patience, $"an incident of {sourceId}");
        return id;
    }

    private async Task<HttpClient> PersonAsync(string username)
    {
        var http = new HttpClient { BaseAddress = city.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await city.TokenAsync(username));
        return http;
    }

    private async Task<HttpClient> ReporterAsync()
    {
        using var admin = await PersonAsync(CityFixture.AdminName);
        using var issued = await admin.PostAsJsonAsync("api/service-keys", new { name = "e2e-citizen-app-" + Guid.NewGuid().ToString("N")[..6], role = "reporter" });
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var http = new HttpClient { BaseAddress = city.Server.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private async Task<IPage> SignInAsync(IBrowser browser, string returnUrl)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(city.Server.BaseUrl, $"login?returnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await page.FillAsync("[data-testid=username]", CityFixture.OperatorName);
        await page.FillAsync("[data-testid=password]", city.OperatorPassword);
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The operator console on real parts, in Chromium: sign-in and the landing page, the area → device drill-down by
/// clicking and by URL, back/forward, the 24 h chart from InfluxDB, dead letters from Ingest through the Server.
/// </summary>
public sealed partial class ConsoleScreenTests(CityFixture city) : IClassFixture<CityFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Detector = "tfd-lechan-01";

    [Fact]
    public async Task Operator_drills_from_the_areas_to_a_device_with_its_24_hour_chart_and_dead_letters()
    {
        await BackfillDetectorAsync(Detector, hours: 24);
        await PublishRejectedAsync(Detector);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });

        // The landing page shows an operator the console (and no API reference, which is for admins).
        await BrowserSignIn.SignInAsync(page, city, CityFixture.OperatorName, returnUrl: "/");
        await page.WaitForSelectorAsync("[data-testid=landing-console]", new() { State = WaitForSelectorState.Visible });
        Assert.False(await page.IsVisibleAsync("[data-testid=landing-api]"));
        await page.ClickAsync("[data-testid=landing-console]");
        await page.WaitForSelectorAsync("body[data-ready=true][data-screen=city]");

        // Areas → one area, by clicking.
        await page.ClickAsync("[data-testid=area-link-lechan]");
        await page.WaitForURLAsync(AreaUrl());
        await page.WaitForSelectorAsync($"[data-testid=device-rows] tr[data-device={Detector}]");
        Assert.Equal("Lê Chân", (await page.InnerTextAsync("[data-testid=area-title]")).Trim());

        // Live documents from the hub render into the table (fed here as the hub would send them). Fed and read back in
        // one script: the real hub is live too, and its next frame for this area (the device "online") must not land
        // between the feed and the read.
        var rendered = await page.EvaluateAsync<string[]>("""
            ([doc, device]) => {
                window.OpsConsole.renderDocument('area:lechan', doc);
                const row = document.querySelector(`[data-testid=device-rows] tr[data-device="${device}"]`);
                return [row.getAttribute('data-state'), row.innerText];
            }
            """, new object[] { new Dictionary<string, object>
        {
            ["kpi.averageSpeedKmh"] = 33.5, [$"device.{Detector}.state"] = "degraded", [$"device.{Detector}.r.averageVehicleSpeed"] = 33.5,
            [$"device.{Detector}.r.intensity"] = 27, [$"device.{Detector}.r.occupancy"] = 0.27, [$"device.{Detector}.r.periodSeconds"] = 60,
            [$"device.{Detector}.since"] = DateTimeOffset.UtcNow.AddMinutes(-12).ToUnixTimeMilliseconds(),
            [$"device.{Detector}.lastSeen"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }, Detector });
        Assert.Equal("degraded", rendered[0]);
        Assert.Contains("33,5 km/h", rendered[1], StringComparison.Ordinal);

        // One device, by clicking: its chart of the last 24 h and its dead letters.
        await page.ClickAsync($"[data-testid=device-link-{Detector}]");
        await page.WaitForURLAsync(DeviceUrl());
        await page.WaitForSelectorAsync("[data-testid=history][data-state=ready]", new() { Timeout = 30_000 });
        Assert.True(int.Parse(await page.GetAttributeAsync("[data-testid=history]", "data-points") ?? "0", CultureInfo.InvariantCulture) >= 20);
        Assert.Equal(1, await page.Locator("[data-testid=chart-averageVehicleSpeed] canvas").CountAsync());
        await page.WaitForSelectorAsync("[data-testid=dead-letter-rows] tr");

        // Into the ignored TestResults folder, not docs/: a test run must not change the tree. The README's picture
        // (docs/images/console.png) is refreshed by copying this file when the console changes.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "TestResults", "console.png"), FullPage = true });

        // Back returns to the area, forward to the device.
        await page.GoBackAsync();
        await page.WaitForURLAsync(AreaUrl());
        await page.WaitForSelectorAsync("section[data-view=area]:not([hidden])");
        await page.GoForwardAsync();
        await page.WaitForSelectorAsync("section[data-view=device]:not([hidden])");
    }

    [Fact]
    public async Task Every_view_opens_from_its_URL_with_its_filters_and_the_language_switch_persists()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, city, CityFixture.OperatorName, returnUrl: "/console?area=lechan&kind=traffic");
        await page.WaitForSelectorAsync("body[data-ready=true][data-screen=area]");

        var detectors = city.City.Devices.Where(d => d.AreaId == "lechan" && d.Kind == "traffic").Select(d => d.Id).Order().ToList();
        Assert.Equal(detectors, await RowsAsync(page));
        Assert.Equal("traffic", await page.InputValueAsync("[data-testid=filter-kind]"));

        // Typing narrows the table and rewrites the URL, so the filtered screen can be bookmarked.
        await page.FillAsync("[data-testid=filter-text]", "02");
        // replaceState is not a navigation; the address is polled rather than waited for as one.
        await Eventually.True(() => new Uri(page.Url).Query.Contains("q=02", StringComparison.Ordinal), Patience, $"q=02 in the URL, not {page.Url}");
        Assert.Equal(["tfd-lechan-02"], await RowsAsync(page));

        await page.GotoAsync(new Uri(city.Server.BaseUrl, $"console?device={Detector}").ToString());
        await page.WaitForSelectorAsync("body[data-screen=device]");
        Assert.Equal(Detector, (await page.InnerTextAsync("[data-testid=device-title]")).Trim());
        await page.WaitForSelectorAsync("[data-testid=history][data-state=ready]");

        await page.ClickAsync("[data-testid=lang-toggle]");
        await page.WaitForSelectorAsync("html[lang=en]"); // not WaitForFunction: the page's CSP forbids eval
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        Assert.Equal("Whole city", (await page.InnerTextAsync("[data-testid=crumb-city]")).Trim());

        await page.GotoAsync(new Uri(city.Server.BaseUrl, "console?device=no-such-device").ToString());
        await page.WaitForSelectorAsync("body[data-screen=not-found]");
    }

    [Theory]
    [InlineData(CityFixture.LeaderName, "/leaders")]
    [InlineData(CityFixture.WallName, "/wall")]
    public async Task Leaders_and_wall_screens_are_sent_to_their_screen_and_cannot_open_the_console(string username, string screen)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, city, username, returnUrl: "/");
        // Being there is enough: the screen keeps working (map, live link) long after; its load event proves nothing here.
        await BrowserSignIn.ArrivesAtAsync(page, new Regex(Regex.Escape(screen) + "$"));

        var response = await page.GotoAsync(new Uri(city.Server.BaseUrl, "console").ToString());
        Assert.Equal(403, response!.Status);
        Assert.Contains("not available to your role", await page.InnerTextAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_message_from_a_device_shows_up_in_the_servers_dead_letters_for_it()
    {
        const string device = "tfd-hongbang-02";
        await PublishRejectedAsync(device);
        using var http = new HttpClient { BaseAddress = city.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await city.TokenAsync(CityFixture.OperatorName));

        var letters = await Eventually.Get(async () => JsonDocument.Parse(await http.GetStringAsync($"api/devices/{device}/dead-letters")),
            doc => doc.RootElement.GetArrayLength() > 0, Patience, "the rejected message in the Server's dead letters");
        var letter = letters.RootElement[0];
        Assert.Equal(device, letter.GetProperty("deviceId").GetString());
        Assert.StartsWith($"ops/v1/traffic/{device}/", letter.GetProperty("topic").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(letter.GetProperty("reason").GetString()));
    }

    /// <summary>Readings every 5 minutes over the span, shaped like a day's traffic, as a device that was offline would send them.</summary>
    private async Task BackfillDetectorAsync(string deviceId, int hours)
    {
        await using var detector = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: deviceId, username: deviceId, password: city.DeviceSecret(deviceId));
        var now = DateTimeOffset.UtcNow;
        var count = hours * 12;
        for (var i = count - 1; i >= 0; i--)
        {
            var ts = now.AddMinutes(-5 * i);
            var speed = Math.Round(42 - (14 * Math.Sin(i / (double)count * 2 * Math.PI * 2)), 1);
            var intensity = (int)(60 - speed);
            await detector.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, deviceId, DeviceChannel.Telemetry), string.Create(CultureInfo.InvariantCulture,
                $$"""{"deviceId":"{{deviceId}}","ts":"{{Ts(ts)}}","seq":{{1000 + count - i}},"periodSeconds":60,"intensity":{{intensity}},"occupancy":{{intensity / 100.0}},"averageVehicleSpeed":{{speed}}}"""));
        }
        await Eventually.True(async () => await StoredCountAsync(deviceId) >= count, Patience, "the backfilled readings in InfluxDB");
    }

    /// <summary>A telemetry message with a negative vehicle count: the contract refuses it, Ingest keeps it as a dead letter.</summary>
    private async Task PublishRejectedAsync(string deviceId)
    {
        await using var detector = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: deviceId, username: deviceId, password: city.DeviceSecret(deviceId));
        await detector.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, deviceId, DeviceChannel.Telemetry),
            $$"""{"deviceId":"{{deviceId}}","ts":"{{Ts(DateTimeOffset.UtcNow)}}","seq":7,"periodSeconds":60,"intensity":-4,"occupancy":0.2,"averageVehicleSpeed":30}""");
    }

    private async Task<long> StoredCountAsync(string deviceId)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri(city.Influx.Url,
            $"query?db=opscenter&q={Uri.EscapeDataString($"SELECT count(seq) FROM traffic_telemetry WHERE device = '{deviceId}'")}"));
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    private static async Task<List<string>> RowsAsync(IPage page) =>
        [.. (await page.Locator("[data-testid=device-rows] tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.device)")).Order()];

    private static string Ts(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/console\?area=lechan")]
    private static partial Regex AreaUrl();

    [GeneratedRegex(@"/console\?device=tfd-lechan-01")]
    private static partial Regex DeviceUrl();
}

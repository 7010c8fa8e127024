using System.Globalization;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;
using OpsCenter.TimeSeries;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The live path on real parts: device → MQTT → Ingest → InfluxDB, and Server → SignalR → the wall page in Chromium.
/// </summary>
public sealed class WallScreenTests(CityFixture city) : IClassFixture<CityFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Wall_shows_new_device_values_without_reload_and_influx_holds_them()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(ChromiumOptions());
        var page = await OpenWallAsync(browser, city);

        // Each device signs in as itself with its own secret.
        await using var camera = await Device("cam-lechan-0001");
        await using var detector = await Device("tfd-lechan-01");
        await using var office = await Device("q-hongbang-01");
        var now = DateTimeOffset.UtcNow;
        await camera.PublishAsync(DeviceTopic.For(DeviceKind.Camera, "cam-lechan-0001", DeviceChannel.Status),
            Json($$"""{"deviceId":"cam-lechan-0001","ts":"{{Ts(now)}}","seq":0,"state":"online"}"""), retain: true);
        await detector.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, "tfd-lechan-01", DeviceChannel.Telemetry),
            Json($$"""{"deviceId":"tfd-lechan-01","ts":"{{Ts(now)}}","seq":1,"periodSeconds":60,"intensity":42,"occupancy":0.35,"averageVehicleSpeed":33.5}"""));
        await office.PublishAsync(DeviceTopic.For(DeviceKind.Counter, "q-hongbang-01", DeviceChannel.Telemetry),
            Json($$"""{"deviceId":"q-hongbang-01","ts":"{{Ts(now)}}","seq":2,"serviceStatus":"open","waiting":17,"countersOpen":4}"""));

        // Stored in InfluxDB, read back over InfluxQL.
        var influx = InfluxReader();
        await Eventually.True(async () => await CountAsync(influx, "traffic_telemetry", "tfd-lechan-01") == 1, Patience, "the traffic point in InfluxDB");
        await Eventually.True(async () => await CountAsync(influx, "counter_telemetry", "q-hongbang-01") == 1, Patience, "the counter point in InfluxDB");
        await Eventually.True(async () => await CountAsync(influx, "device_status", "cam-lechan-0001") == 1, Patience, "the status point in InfluxDB");

        // Shown on the wall, pushed over SignalR.
        await ExpectKpi(page, "camerasOnline", "1");
        await ExpectKpi(page, "peopleWaiting", "17");
        await ExpectKpi(page, "averageSpeedKmh", Vietnamese(33.5));

        // A new value replaces the old one without a reload.
        await detector.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, "tfd-lechan-01", DeviceChannel.Telemetry),
            Json($$"""{"deviceId":"tfd-lechan-01","ts":"{{Ts(now.AddSeconds(1))}}","seq":3,"periodSeconds":60,"intensity":50,"occupancy":0.5,"averageVehicleSpeed":21.5,"congested":true}"""));
        await ExpectKpi(page, "averageSpeedKmh", Vietnamese(21.5));
        await ExpectKpi(page, "congestedDetectors", "1");

        // The whole camera fleet coming online at once (a power cut ends): every one of them counts on the wall.
        var cameras = city.City.Devices.Where(d => d.Kind == "camera" && d.Id != "cam-lechan-0001").Select(d => d.Id).ToList();
        var links = await Task.WhenAll(cameras.Select(Device));
        try
        {
            await Task.WhenAll(cameras.Zip(links).Select(p => p.Second.PublishAsync(DeviceTopic.For(DeviceKind.Camera, p.First, DeviceChannel.Status),
                Json($$"""{"deviceId":"{{p.First}}","ts":"{{Ts(now)}}","seq":0,"state":"online"}"""), retain: true)));
            await ExpectKpi(page, "camerasTotal", "40");
            await ExpectKpi(page, "camerasOnline", "40");
        }
        finally
        {
            foreach (var link in links)
                await link.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_service_reports_healthy_on_real_parts()
    {
        await Eventually.True(async () => (await city.Server.HealthAsync()).Status == 200, Patience, "Server /health 200");
        await Eventually.True(async () => (await city.Ingest.HealthAsync()).Status == 200, Patience, "Ingest /health 200");
    }

    private Task<DevicePublisher> Device(string deviceId) =>
        DevicePublisher.ConnectAsync(city.BrokerPort, clientId: deviceId, username: deviceId, password: city.DeviceSecret(deviceId));

    private static async Task ExpectKpi(IPage page, string kpi, string expected)
    {
        var locator = page.Locator($"[data-kpi={kpi}]").First;
        await Eventually.True(async () => (await locator.InnerTextAsync()).Trim() == expected, Patience,
            $"wall KPI {kpi} to read '{expected}'");
    }

    private InfluxQlClient InfluxReader() => new(new HttpClient(),
        Microsoft.Extensions.Options.Options.Create(new InfluxOptions { Url = city.Influx.Url.ToString(), Database = "opscenter" }));

    private static async Task<long> CountAsync(InfluxQlClient influx, string measurement, string device)
    {
        var series = await influx.SeriesAsync($"SELECT count(seq) FROM \"{measurement}\" WHERE device = '{device}'");
        return series.Count == 0 ? 0 : series[0].Values[0][1].GetInt64();
    }

    /// <summary>The wall in a full-HD page, signed in as the wall account and connected to its hub.</summary>
    /// <param name="prepare">Runs on the page before it loads anything (routes, request listeners).</param>
    internal static async Task<IPage> OpenWallAsync(IBrowser browser, CityFixture city, Func<IPage, Task>? prepare = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        if (prepare is not null)
            await prepare(page);
        // The wall sends an unsigned screen to the login page and comes back after sign-in.
        await page.GotoAsync(new Uri(city.Server.BaseUrl, "wall").ToString());
        // Page changes are waited for by the URL alone, as in BrowserSignIn: Playwright's URL wait also waits for the
        // page's load event, and timed out so once on a busy machine with the wall already open and connecting.
        await Eventually.True(() => page.Url.Contains("/login?returnUrl=", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the wall to send the screen to sign in");
        await page.FillAsync("[data-testid=username]", CityFixture.WallName);
        await page.FillAsync("[data-testid=password]", city.WallPassword);
        await page.ClickAsync("[data-testid=submit]");
        await Eventually.True(() => page.Url.EndsWith("/wall", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the wall after sign-in");
        await page.WaitForSelectorAsync("[data-testid=connection-state][data-state=connected]", new() { Timeout = 30_000 });
        return page;
    }

    internal static BrowserTypeLaunchOptions ChromiumOptions() => new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

    private static string Ts(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);

    private static string Json(string s) => s;

    private static string Vietnamese(double value) => value.ToString("0.0", CultureInfo.GetCultureInfo("vi-VN"));
}

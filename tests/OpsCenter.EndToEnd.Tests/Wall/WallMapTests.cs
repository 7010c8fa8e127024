using System.Globalization;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests.Wall;

/// <summary>The wall's city map on real parts: bundled outlines, one marker per inventory device, states pushed live.</summary>
[Collection(WallCity.Name)]
public sealed class WallMapTests(CityFixture city)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Map_draws_district_outlines_and_one_marker_per_device()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await WallScreenTests.OpenWallAsync(browser, city);
        await WaitForMarkers(page);

        foreach (var area in city.City.Areas)
            Assert.Equal(1, await page.Locator($".map-districts path[data-area={area.Id}]").CountAsync());
        var markers = await page.EvalOnSelectorAllAsync<string[]>("[data-device]", "els => els.map(e => e.dataset.device)");
        Assert.Equal(city.City.Devices.Select(d => d.Id).Order(), markers.Order());

        // The outlines are generated, not official, and the land is OpenStreetMap's: the map says both.
        Assert.True(await page.Locator("[data-testid=map-approximate]").IsVisibleAsync());
        Assert.Contains("© OpenStreetMap contributors", await page.Locator("[data-testid=map-attribution]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_going_offline_turns_its_marker_red_without_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await WallScreenTests.OpenWallAsync(browser, city);
        await WaitForMarkers(page);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        const string camera = "cam-hongbang-0007";
        await using var device = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: camera, username: camera, password: city.DeviceSecret(camera));
        var topic = DeviceTopic.For(DeviceKind.Camera, camera, DeviceChannel.Status);
        var now = DateTimeOffset.UtcNow;
        await device.PublishAsync(topic, Status(camera, now, 0, "online"), retain: true);
        await ExpectMarkerState(page, camera, "online");

        await device.PublishAsync(topic, Status(camera, now.AddSeconds(1), 1, "offline"), retain: true);
        await ExpectMarkerState(page, camera, "offline");
        Assert.Equal("rgb(248, 113, 113)", await page.EvalOnSelectorAsync<string>($"[data-device={camera}]", "e => getComputedStyle(e).fill"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
    }

    internal static async Task WaitForMarkers(IPage page) =>
        await page.WaitForSelectorAsync("[data-testid=map-canvas][data-markers]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    private static async Task ExpectMarkerState(IPage page, string deviceId, string state)
    {
        var marker = page.Locator($"[data-device={deviceId}]");
        await Eventually.True(async () => await marker.GetAttributeAsync("data-state") == state, Patience,
            $"the map marker of {deviceId} to show '{state}'");
    }

    private static string Status(string deviceId, DateTimeOffset ts, int seq, string state) =>
        $$"""{"deviceId":"{{deviceId}}","ts":"{{ts.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture)}}","seq":{{seq}},"state":"{{state}}"}""";
}

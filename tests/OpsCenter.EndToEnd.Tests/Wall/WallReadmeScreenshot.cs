using System.Globalization;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests.Wall;

/// <summary>
/// Takes docs/images/wall.png for the README from a real wall on the test city (explicit: it writes into the
/// repository). Run: tests/OpsCenter.EndToEnd.Tests/bin/Release/net10.0/OpsCenter.EndToEnd.Tests -class "*WallReadmeScreenshot" -explicit only
/// </summary>
[Collection(WallCity.Name)]
public sealed class WallReadmeScreenshot(CityFixture city)
{
    [Fact(Explicit = true)]
    public async Task Saves_the_wall_with_live_devices_as_the_readme_picture()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        // No history API in this build yet: the picture's sparklines get a made-up hour, served by the test.
        var page = await WallScreenTests.OpenWallAsync(browser, city, page => page.RouteAsync("**/api/kpis/history?*", route =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var points = Enumerable.Range(0, 60).Select(i => new { t = now - ((60 - i) * 59_000L), v = 20 + (10 * Math.Sin(i / 6.0)) + (i % 4) });
            return route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = System.Text.Json.JsonSerializer.Serialize(points) });
        }));
        await WallMapTests.WaitForMarkers(page);

        var now = DateTimeOffset.UtcNow;
        var devices = city.City.Devices.ToList();
        var links = await Task.WhenAll(devices.Select(d => DevicePublisher.ConnectAsync(city.BrokerPort, clientId: d.Id, username: d.Id, password: city.DeviceSecret(d.Id))));
        try
        {
            await Task.WhenAll(devices.Zip(links).Select((pair, i) => Publish(pair.First.Id, pair.First.Kind, pair.Second, now, i)));
            await Eventually.True(async () => await page.Locator("[data-device][data-state=offline]").CountAsync() >= 3, TimeSpan.FromSeconds(30), "offline cameras on the map");
            await Eventually.True(async () => (await page.InnerTextAsync("[data-kpi=peopleWaiting]")).Trim() != "—", TimeSpan.FromSeconds(30), "office figures");
            await page.WaitForTimeoutAsync(2000); // let the value flashes fade: the picture shows the wall at rest
            var target = Path.Combine(RepoPaths.Root, "docs", "images", "wall.png");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await page.ScreenshotAsync(new() { Path = target });
        }
        finally
        {
            foreach (var link in links)
                await link.DisposeAsync();
        }
    }

    /// <summary>A plausible morning: most cameras online, a few offline or degraded, traffic slowing in one area.</summary>
    private static Task Publish(string id, string kind, DevicePublisher link, DateTimeOffset now, int i)
    {
        var ts = now.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
        return kind switch
        {
            "camera" => link.PublishAsync(DeviceTopic.For(DeviceKind.Camera, id, DeviceChannel.Status),
                $$"""{"deviceId":"{{id}}","ts":"{{ts}}","seq":{{100 + i}},"state":"{{(i % 13 == 5 ? "offline" : i % 17 == 3 ? "degraded" : "online")}}"}""", retain: true),
            "traffic" => link.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, id, DeviceChannel.Telemetry),
                $$"""{"deviceId":"{{id}}","ts":"{{ts}}","seq":{{100 + i}},"periodSeconds":60,"intensity":{{40 + i}},"occupancy":0.4,"averageVehicleSpeed":{{(i % 2 == 0 ? 18.5 : 36.0).ToString(CultureInfo.InvariantCulture)}},"congested":{{(i % 2 == 0 ? "true" : "false")}}}"""),
            _ => link.PublishAsync(DeviceTopic.For(DeviceKind.Counter, id, DeviceChannel.Telemetry),
                $$"""{"deviceId":"{{id}}","ts":"{{ts}}","seq":{{100 + i}},"serviceStatus":"open","waiting":{{12 + i}},"countersOpen":4}"""),
        };
    }
}

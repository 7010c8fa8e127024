using System.Globalization;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// An incident end to end on real parts: a camera reports an accident over MQTT → Ingest → the Server's seeded rule
/// raises an incident → the `incidents` live view puts it in the wall's ticker → an operator acknowledges it in the
/// console → the wall shows it acknowledged, without a reload.
/// </summary>
public sealed class IncidentFeedTests(CityFixture city) : IClassFixture<CityFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Camera = "cam-lechan-0007";
    private static readonly TimeZoneInfo HaiPhong = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Fact]
    public async Task Accident_reaches_the_wall_ticker_and_the_operators_acknowledgement_follows_it_there()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var wall = await WallScreenTests.OpenWallAsync(browser, city);

        // The camera signs in as itself and reports an accident (docs/device-contract.md, camera event).
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        await using (var camera = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: Camera, username: Camera, password: city.DeviceSecret(Camera)))
        {
            await camera.PublishAsync(DeviceTopic.For(DeviceKind.Camera, Camera, DeviceChannel.Event),
                $$"""{"deviceId":"{{Camera}}","ts":"{{Ts(at)}}","seq":1,"type":"accident","severity":"critical","objectCount":2}""");
        }

        // The seeded camera-analytics rule makes it a critical incident, shown in the ticker with its area and its
        // opening time in Hai Phong's zone, not yet acknowledged; the counts follow.
        var item = wall.Locator("[data-testid=ticker-item][data-severity=critical]").First;
        await Eventually.True(async () => await item.CountAsync() == 1, Patience, "the accident in the wall's ticker");
        var id = await item.GetAttributeAsync("data-incident");
        Assert.Equal("open", await item.GetAttributeAsync("data-status"));
        var text = await item.InnerTextAsync();
        Assert.Contains("Lê Chân", text, StringComparison.Ordinal);
        Assert.Contains($"accident at {Camera}", text, StringComparison.Ordinal);
        Assert.Contains(TimeZoneInfo.ConvertTime(at, HaiPhong).ToString("HH:mm:ss", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Equal("1", (await wall.InnerTextAsync("[data-testid=incident-counts] [data-count=critical]")).Trim());

        // An operator signs in to the console, finds it among the unacknowledged incidents and acknowledges it.
        var console = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await console.GotoAsync(new Uri(city.Server.BaseUrl, $"login?returnUrl={Uri.EscapeDataString("/console?view=incidents&unack=1")}").ToString());
        await console.FillAsync("[data-testid=username]", CityFixture.OperatorName);
        await console.FillAsync("[data-testid=password]", city.OperatorPassword);
        await console.ClickAsync("[data-testid=submit]");
        await console.WaitForSelectorAsync("body[data-ready=true][data-screen=incidents]");
        var row = console.Locator($"[data-testid=incident-row][data-incident=\"{id}\"]");
        await row.WaitForAsync(new() { Timeout = 30_000 });
        await row.Locator("[data-testid=incident-action-acknowledge]").ClickAsync();

        // The wall, never reloaded, shows it acknowledged.
        var acknowledged = wall.Locator($"[data-testid=ticker-item][data-incident=\"{id}\"][data-status=acknowledged]");
        await Eventually.True(async () => await acknowledged.CountAsync() == 1, Patience, "the ticker to show the incident acknowledged");
        Assert.Contains("Đã tiếp nhận", await acknowledged.InnerTextAsync(), StringComparison.Ordinal);

        // The console: the unacknowledged filter now hides it; the detail's trail names the operator.
        await Eventually.True(async () => await row.CountAsync() == 0, Patience, "the acknowledged incident to leave the unacknowledged list");
        await console.GotoAsync(new Uri(city.Server.BaseUrl, $"console?view=incidents&incident={id}").ToString());
        var trail = console.Locator("[data-testid=incident-trail] tr[data-action=acknowledge]");
        await trail.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains(CityFixture.OperatorName, await trail.InnerTextAsync(), StringComparison.Ordinal);

        // A stale screen acting on the version it saw before is told clearly that someone else changed it first.
        await console.GotoAsync(new Uri(city.Server.BaseUrl, "console?view=incidents").ToString());
        var staleRow = console.Locator($"[data-testid=incident-row][data-incident=\"{id}\"]");
        await staleRow.WaitForAsync(new() { Timeout = 30_000 });
        await staleRow.Locator("[data-testid=incident-action-start]").EvaluateAsync("b => b.dataset.version = String(Number(b.dataset.version) - 1)");
        await staleRow.Locator("[data-testid=incident-action-start]").ClickAsync();
        await console.WaitForSelectorAsync("[data-testid=incident-message][data-kind=conflict]", new() { State = WaitForSelectorState.Visible });
    }

    private static string Ts(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
}

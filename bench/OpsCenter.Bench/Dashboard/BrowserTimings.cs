using System.Text.Json;
using Microsoft.Playwright;

namespace OpsCenter.Bench.Dashboard;

/// <summary>One load of /leaders: first contentful paint (the browser's own entry), trend chart ready, data ready.</summary>
/// <param name="Requests">Each same-origin fetch of the page (its path, without the query) → when its response ended, ms from the navigation's start.</param>
internal sealed record PageLoad(double FirstPaintMs, double TrendReadyMs, double DataReadyMs, double DomContentLoadedMs, IReadOnlyDictionary<string, double> Requests);

/// <summary>
/// Loads the leaders' dashboard in Debian's Chromium. First contentful paint is read from
/// <c>performance.getEntriesByType('paint')</c> (EvaluateAsync goes through the DevTools protocol, which the page's CSP
/// does not restrict: the end-to-end tests use it on the same pages). The two "ready" marks are taken in the page, on
/// the same clock (<c>performance.now()</c>, from the navigation's start), by a MutationObserver an init script adds
/// before the page's own scripts run: two Playwright waits racing each other would return in either order.
/// </summary>
internal static class BrowserTimings
{
    /// <summary>Added through the DevTools protocol (Page.addScriptToEvaluateOnNewDocument), not subject to the page's CSP.</summary>
    public const string ReadyMarks = """
        (() => {
            const marks = window.__benchMarks = {};
            const note = () => {
                const chart = document.querySelector('[data-testid=trend-chart]');
                if (marks.trend === undefined && chart?.dataset.state === 'ready') marks.trend = performance.now();
                if (marks.ready === undefined && document.body?.dataset.ready === 'true') marks.ready = performance.now();
            };
            new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-ready'] });
        })();
        """;

    public static BrowserTypeLaunchOptions ChromiumOptions() => new()
    {
        // As tests/OpsCenter.EndToEnd.Tests/WallScreenTests.cs: Debian's Chromium, never a downloaded one.
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

    /// <summary>As tests/OpsCenter.EndToEnd.Tests/BrowserSignIn.cs: through the login page, then until /leaders is ready.</summary>
    public static async Task SignInAsync(IPage page, Uri server, string username, string password)
    {
        await page.GotoAsync(new Uri(server, "login?returnUrl=%2Fleaders").ToString());
        await page.FillAsync("[data-testid=username]", username);
        await page.FillAsync("[data-testid=password]", password);
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 120_000 });
    }

    public static async Task<PageLoad> LoadAsync(IPage page, Uri server)
    {
        await page.GotoAsync(new Uri(server, "leaders").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 120_000 });
        // As JSON text: Playwright's own binding of results does not take lists of objects.
        var json = await page.EvaluateAsync<string>(
            "() => JSON.stringify({ paint: performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime ?? null, " +
            "trend: window.__benchMarks?.trend ?? null, ready: window.__benchMarks?.ready ?? null, " +
            "domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null, " +
            "requests: performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch')" +
            ".map(e => ({ path: new URL(e.name).pathname, end: e.responseEnd })) })");
        var marks = JsonSerializer.Deserialize<Marks>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        // A page that is "ready" with a chart that failed (an error state) must not be timed as a success.
        if (marks.Trend is null || marks.Ready is null || marks.Paint is null)
            throw new InvalidOperationException($"/leaders was ready without every mark (paint {marks.Paint}, trend chart {marks.Trend}, ready {marks.Ready}); " +
                "trend chart state: " + await page.GetAttributeAsync("[data-testid=trend-chart]", "data-state"));
        var requests = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var request in marks.Requests ?? [])
            requests.TryAdd(request.Path ?? "", request.End); // the first of a path: the one data ready waited for
        return new PageLoad(marks.Paint.Value, marks.Trend.Value, marks.Ready.Value, marks.DomContentLoaded ?? double.NaN, requests);
    }
}

internal sealed class Marks
{
    public double? Paint { get; set; }
    public double? Trend { get; set; }
    public double? Ready { get; set; }
    public double? DomContentLoaded { get; set; }
    public List<FetchMark>? Requests { get; set; }
}

internal sealed class FetchMark
{
    public string? Path { get; set; }
    public double End { get; set; }
}

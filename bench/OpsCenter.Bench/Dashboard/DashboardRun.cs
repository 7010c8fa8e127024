using System.Globalization;
using Microsoft.Playwright;
using OpsCenter.Bench.Live;
using OpsCenter.Bench.Measuring;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Dashboard;

/// <summary>
/// The leaders' dashboard with a year of rollups (docs/benchmarks.md): the whole system on the demo city, a year of
/// hourly and daily rollups written into InfluxDB, then the dashboard's API requests and the page in Chromium, each
/// cold (the first request after the Server started; a new browser context, so no cached assets) and warm (repeated).
/// </summary>
internal static class DashboardRun
{
    private const string Leader = "bench-leader";

    public static async Task<IReadOnlyList<string>> MeasureAsync(BenchOptions options)
    {
        var city = CityInventory.Load(TestCity.DemoInventoryPath);
        var report = new List<string> { $"dashboard: load average before {ProcessCpu.LoadAverage()}" };
        await using var rig = await WholeSystem.StartAsync(new WholeSystemOptions
        {
            City = city, QuietLogs = true, People = new Dictionary<string, string> { [Leader] = "leader" },
        });
        var now = DateTimeOffset.UtcNow;
        var today = CityCalendar.For(city).DayOf(now);
        var written = await YearOfRollups.WriteAsync(rig.Influx.Url, city, now);
        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"dashboard: demo city ({city.Devices.Count} devices, {city.Areas.Count} areas), {YearOfRollups.Days} city days to {today:yyyy-MM-dd}: " +
            $"{written.HourlyPoints:N0} hourly + {written.DailyPoints:N0} daily points (rollup_device and rollup_area) written through RollupStore in {written.Took.TotalSeconds:N1} s " +
            $"({(written.HourlyPoints + written.DailyPoints) / written.Took.TotalSeconds:N0} points/s)"));

        var token = await rig.TokenAsync(Leader);
        var requests = ApiTimings.Requests(today);
        var cold = requests.ToDictionary(r => r.Name, _ => new List<double>());
        var warm = requests.ToDictionary(r => r.Name, _ => new List<double>());
        for (var trial = 0; trial < options.ColdTrials; trial++)
        {
            await RestartServerAsync(rig);
            // A new client, so no pooled connection outlives the Server either. Each request is the first of its kind
            // since the start; the summary is the very first, the trends after it share its warmed-up code.
            using var http = new HttpClient { BaseAddress = rig.Server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
            foreach (var request in requests)
                cold[request.Name].Add(await ApiTimings.TimeAsync(http, token, request));
        }
        using (var http = new HttpClient { BaseAddress = rig.Server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) })
        {
            foreach (var request in requests)
                await ApiTimings.TimeAsync(http, token, request); // one untimed round: the warm figures are the repeated ones
            for (var trial = 0; trial < options.Trials; trial++)
            {
                foreach (var request in requests)
                    warm[request.Name].Add(await ApiTimings.TimeAsync(http, token, request));
            }
        }
        foreach (var request in requests)
            report.Add($"dashboard: GET {request.Name}: cold {Describe(cold[request.Name])}; warm {Describe(warm[request.Name])}");

        foreach (var (read, samples, points) in await StoreTimings.MeasureAsync(rig.Influx.Url, city, today, options.Trials))
            report.Add($"dashboard: behind it, RollupStore.ReadAsync from the bench straight to InfluxDB, {read}: {points:N0} points, warm {Describe(samples)}");

        report.AddRange(await MeasurePageAsync(rig, options));
        report.Add($"dashboard: load average after {ProcessCpu.LoadAverage()}");
        return report;
    }

    private static async Task<IEnumerable<string>> MeasurePageAsync(WholeSystem rig, BenchOptions options)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserTimings.ChromiumOptions());
        string signedIn;
        await using (var first = await browser.NewContextAsync())
        {
            await BrowserTimings.SignInAsync(await first.NewPageAsync(), rig.Server.BaseUrl, Leader, rig.PasswordOf(Leader));
            signedIn = await first.StorageStateAsync();
        }

        var cold = new List<PageLoad>();
        for (var trial = 0; trial < options.ColdTrials; trial++)
        {
            await RestartServerAsync(rig);
            // A fresh context with only the sign-in cookie: an empty HTTP cache, as a leader's first visit of the day.
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = signedIn });
            await context.AddInitScriptAsync(BrowserTimings.ReadyMarks);
            cold.Add(await BrowserTimings.LoadAsync(await context.NewPageAsync(), rig.Server.BaseUrl));
        }
        var warm = new List<PageLoad>();
        await using (var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = signedIn }))
        {
            await context.AddInitScriptAsync(BrowserTimings.ReadyMarks);
            var page = await context.NewPageAsync();
            await BrowserTimings.LoadAsync(page, rig.Server.BaseUrl); // fills the cache; not counted
            for (var trial = 0; trial < Math.Min(options.Trials, 20); trial++)
                warm.Add(await BrowserTimings.LoadAsync(page, rig.Server.BaseUrl));
        }
        return
        [
            $"dashboard: /leaders in Chromium, cold (Server just started, empty browser cache): first contentful paint {Describe(cold.Select(l => l.FirstPaintMs))}; " +
            $"trend chart ready {Describe(cold.Select(l => l.TrendReadyMs))}; data ready {Describe(cold.Select(l => l.DataReadyMs))}",
            $"dashboard: /leaders in Chromium, warm (reloaded, cached assets): first contentful paint {Describe(warm.Select(l => l.FirstPaintMs))}; " +
            $"trend chart ready {Describe(warm.Select(l => l.TrendReadyMs))}; data ready {Describe(warm.Select(l => l.DataReadyMs))}",
            $"dashboard: /leaders, where the cold load's time goes (p50, ms from the navigation's start): {Breakdown(cold)}",
            $"dashboard: /leaders, where the warm load's time goes (p50, ms from the navigation's start): {Breakdown(warm)}",
        ];
    }

    /// <summary>Stops the Server and starts it again on the same port, settings and databases; ready once it answers /alive.</summary>
    private static async Task RestartServerAsync(WholeSystem rig)
    {
        await rig.Server.StopAsync();
        await rig.Server.StartAsync();
    }

    /// <summary>DOMContentLoaded, then each fetch's response end: the chain data ready waits for.</summary>
    private static string Breakdown(IReadOnlyList<PageLoad> loads)
    {
        var paths = loads.SelectMany(l => l.Requests.Keys).Distinct(StringComparer.Ordinal)
            .Select(path => (path, end: Figure.MedianOf(loads.Where(l => l.Requests.ContainsKey(path)).Select(l => l.Requests[path]))))
            .OrderBy(p => p.end);
        return string.Create(CultureInfo.InvariantCulture,
            $"DOMContentLoaded {Figure.MedianOf(loads.Select(l => l.DomContentLoadedMs)):N0}; ") +
            string.Join("; ", paths.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.path} done {p.end:N0}")));
    }

    private static string Describe(IEnumerable<double> samples)
    {
        var list = samples.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Figure.MedianOf(list):N0} ms, max {list.Max():N0} ms (n={list.Count})");
    }
}

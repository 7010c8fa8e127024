using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>A burst of citizens' field reports posted to the server's HTTP API, with each response code shown.</summary>
internal sealed class CitizenReportsScenario : IScenario
{
    public const string ReportsPath = "api/reports";

    /// <summary>How the Server's <c>reporter</c> service key travels (the citizens' app backend does the same).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name => "citizen-reports";
    public string Summary => "POSTs a burst of citizens' field reports (JSON) to --server-url + /api/reports with the reporter key (--api-key) and prints each status code.";
    public TimeSpan Length => TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "New field reports appear on the wall map at their locations, by category, within seconds.",
        "Reporter name and phone visible only to roles that answer reports.",
        "Reports near an open incident (e.g. an accident) linked to it.",
    ];

    /// <summary>Status codes of the last run ("error: ..." when the request failed outright).</summary>
    public SortedDictionary<string, int> Results { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        Results.Clear();
        var random = DeterministicSeed.RandomFor(context.Settings.Seed, Name);
        var count = Math.Clamp(context.Options.Count ?? 20, 1, 10_000);
        var url = new Uri(context.ServerUrl, ReportsPath);
        await context.Out.WriteLineAsync($"Posting {count} field reports to {url}{(context.ApiKey is null ? " without an API key" : "")}");
        var start = context.Clock.Now;
        for (var i = 0; i < count; i++)
        {
            var report = Make(context, random, i);
            string outcome;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(report, options: Json) };
                if (context.ApiKey is not null)
                    request.Headers.Add(ApiKeyHeader, context.ApiKey);
                using var response = await context.Http.SendAsync(request, cancellationToken);
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                context.Stats.CountSent();
                context.Stats.CountResult(response.IsSuccessStatusCode);
            }
            catch (HttpRequestException e)
            {
                outcome = "error: " + (e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : e.HttpRequestError.ToString());
                context.Stats.CountSent();
                context.Stats.CountResult(false);
            }
            Results[outcome] = Results.GetValueOrDefault(outcome) + 1;
            await context.Out.WriteLineAsync($"  {report.ReportId} {report.Category,-15} -> {outcome}");
            await context.Clock.WaitUntilAsync(start + Length / count * (i + 1), cancellationToken);
        }
        await context.Out.WriteLineAsync($"Results: {string.Join(", ", Results.Select(r => $"{r.Key} × {r.Value}"))}");
        if (Results.Keys.Any(k => k is "404" or "405" || k.StartsWith("error", StringComparison.Ordinal)))
            await context.Out.WriteLineAsync($"Some reports were not accepted: is the server running at {context.ServerUrl}, and does it serve POST /{ReportsPath} yet?");
        if (Results.Keys.Any(k => k is "401" or "403"))
            await context.Out.WriteLineAsync("Some reports were refused: the Server takes them only with a 'reporter' service key (--api-key, " +
                "OPSCENTER_API_KEY, or credentials/reporter-key.txt in the run command's --data folder).");
    }

    private static CitizenReport Make(ScenarioContext context, Random random, int index)
    {
        var area = random.Pick(context.Inventory.Areas);
        var road = area.Roads.Count > 0 ? random.Pick(area.Roads) : area.Name;
        var category = random.Pick(CitizenReportSamples.Categories);
        var now = context.Clock.Now;
        return new CitizenReport(
            ReportId: string.Create(CultureInfo.InvariantCulture, $"pa-{now.ToUnixTimeSeconds()}-{index:D4}"),
            Ts: context.Settings.CityTime.ToLocal(now - TimeSpan.FromSeconds(random.Next(5, 120))),
            Category: category,
            Description: string.Format(CultureInfo.InvariantCulture, random.Pick(CitizenReportSamples.Descriptions[category]), road),
            Lat: Math.Round(area.Lat + random.Between(-0.01, 0.01), 5),
            Lon: Math.Round(area.Lon + random.Between(-0.01, 0.01), 5),
            PhotoUrl: random.Chance(0.6) ? $"https://app.haiphong.example/photos/{index:D4}.jpg" : null,
            Reporter: random.Chance(0.7) ? new Reporter(random.Pick(CitizenReportSamples.Names), "09" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)) : null);
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;

namespace OpsCenter.Bench.Dashboard;

/// <summary>The dashboard's API requests the run times, each as the browser sends it (query strings of leaders/api.js).</summary>
internal sealed record DashboardRequest(string Name, string PathAndQuery);

internal static class ApiTimings
{
    /// <summary>Today's summary; a year and a month by day (the page's default trend is the month); a week by hour.</summary>
    public static IReadOnlyList<DashboardRequest> Requests(DateOnly today) =>
    [
        new("summary (today)", $"api/leaders/summary?rankBy=composite"),
        new("trends: a year by day", $"api/leaders/trends?indicator=averageSpeedKmh&grain=day&from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
        new("trends: a month by day", $"api/leaders/trends?indicator=averageSpeedKmh&grain=day&from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
        new("trends: a week by hour", $"api/leaders/trends?indicator=averageSpeedKmh&grain=hour&from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
    ];

    /// <summary>One request, timed to its last byte; a failure ends the run (a 503 timed would be a wrong figure).</summary>
    public static async Task<double> TimeAsync(HttpClient http, string token, DashboardRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, request.PathAndQuery);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{request.Name}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return watch.Elapsed.TotalMilliseconds;
    }
}

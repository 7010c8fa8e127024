using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The leaders' figures from real data, through every real part: a detector's readings of last night arrive late over
/// MQTT, Ingest stores them, the Server marks their hours, the rollup job (Hangfire, every 10 s here) rolls them up in
/// InfluxDB, and as no daily report exists yet the first one is made for yesterday; the PDF names the speed, the
/// dashboard shows it as "the day before", and a leader downloads the report in Chromium.
/// </summary>
public sealed class LeadersHistoryTests(CityFixture city) : IClassFixture<CityFixture>
{
    private const string Detector = "tfd-lechan-01";
    private const double Speed = 33.3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeZoneInfo HaiPhong = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Fact]
    public async Task Last_nights_readings_are_rolled_up_into_the_first_daily_report_and_the_dashboard_and_a_leader_downloads_it()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, HaiPhong).DateTime);
        var yesterday = today.AddDays(-1);
        await PublishLastNightAsync(yesterday);

        using var leader = await ClientAsAsync(CityFixture.LeaderName);
        var report = await Eventually.Get(async () => DailyReportOf(await leader.GetFromJsonAsync<JsonElement>("api/leaders/reports"), yesterday),
            r => r is not null, Patience, $"the first daily report, for {yesterday:yyyy-MM-dd}");
        Assert.Equal("ready", report!.Value.GetProperty("status").GetString());
        var pdf = await PdfTextAsync(await leader.GetByteArrayAsync(report.Value.GetProperty("pdfUrl").GetString()));
        Assert.Contains($"ngày {yesterday:dd/MM/yyyy}", pdf, StringComparison.Ordinal);
        // The whole text on a mismatch (Assert.Matches cuts it short): this failed once in six fresh-clone runs, unexplained.
        Assert.True(Regex.IsMatch(pdf, @"Tốc độ giao thông trung bình\s+33,3\s"), $"City speed 33,3 not in the report:\n{pdf}");
        Assert.True(Regex.IsMatch(pdf, @"Lê Chân\s+\S+\s+33,3\s"), $"Lê Chân's speed 33,3 not in the report:\n{pdf}"); // cameras, then speed

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true });
        await BrowserSignIn.SignInAsync(page, city, CityFixture.LeaderName, returnUrl: "/leaders");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
        Assert.Equal("33,3", (await page.InnerTextAsync("tr[data-key=averageSpeedKmh] td[data-cell=previousDay]")).Trim());

        var id = report.Value.GetProperty("id").GetString();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"tr[data-report='{id}'] [data-testid=report-download]"));
        Assert.Equal($"bao-cao-ngay-{yesterday:yyyy-MM-dd}.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        try
        {
            Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(saved)[..4]);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    /// <summary>Every 5 minutes from 22:00 to 23:55 yesterday, as a detector's outbox sends a night it could not.</summary>
    private async Task PublishLastNightAsync(DateOnly yesterday)
    {
        var from = new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(22, 0)), TimeSpan.FromHours(7));
        await using var detector = await DevicePublisher.ConnectAsync(city.BrokerPort, clientId: Detector, username: Detector, password: city.DeviceSecret(Detector));
        for (var i = 0; i < 24; i++)
        {
            var ts = from.AddMinutes(5 * i).ToUniversalTime();
            await detector.PublishAsync(DeviceTopic.For(DeviceKind.Traffic, Detector, DeviceChannel.Telemetry), string.Create(CultureInfo.InvariantCulture,
                $$"""{"deviceId":"{{Detector}}","ts":"{{ts:yyyy-MM-ddTHH:mm:ss.fffZ}}","seq":{{i + 1}},"periodSeconds":300,"intensity":40,"occupancy":0.2,"averageVehicleSpeed":{{Speed}}}"""));
        }
    }

    private static JsonElement? DailyReportOf(JsonElement reports, DateOnly day) =>
        reports.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r =>
            r!.Value.GetProperty("kind").GetString() == "daily" && r.Value.GetProperty("from").GetString() == $"{day:yyyy-MM-dd}");

    private async Task<HttpClient> ClientAsAsync(string username)
    {
        var client = new HttpClient { BaseAddress = city.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await city.TokenAsync(username));
        return client;
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Server.Leaders.Reports;
using SkiaSharp;

namespace OpsCenter.Server.Tests.Leaders.Reports;

/// <summary>
/// Reports made through the API on the real PostgreSQL from known indicator figures: the PDF's text (read back with
/// pdftotext) holds the numbers in Vietnamese format and the areas' names with their diacritics, the chart PNGs decode
/// at their stated size, and bad ranges get a clear 400.
/// </summary>
[Collection(ReportsCollection.Name)]
public sealed class LeaderReportsApiTests(ReportsFixture server)
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    [Fact]
    public async Task The_PDF_holds_the_figures_in_Vietnamese_format_against_the_previous_period_and_the_area_names()
    {
        server.Indicators.CurrentStarts.Add(Day);
        using var leader = server.ClientAs(Roles.Leader);

        var report = await CreateAsync(leader, Day, Day);
        var text = await PdfTextAsync(leader, report);

        Assert.Contains($"Báo cáo điều hành thành phố — ngày 30/11/2026", text, StringComparison.Ordinal);
        Assert.Matches(@"Hồ sơ giải quyết trước và đúng hạn\s+87,5\s+85,0\s+▲ \+2,5\s+%", text);
        Assert.Matches(@"Tốc độ giao thông trung bình\s+31,6\s+28,1\s+▲ \+3,5\s+km/h", text);
        Assert.Matches(@"Thời gian chờ trung bình\s+12,4\s+14,1\s+▼ -1,7\s+phút", text);
        Assert.Matches(@"Camera hoạt động\s+98,5\s+99,0\s+▼ -0,5\s+%", text);
        Assert.Matches(@"Lượt phục vụ tại quầy\s+1\.234\s+1\.100\s+▲ \+134\s+lượt", text);
        Assert.Matches(@"Mức độ hài lòng \(đánh giá 1–5\)\s+4,27\s+—\s+—", text);
        Assert.Matches(@"Hồng Bàng\s+97,0\s+29,4\s+15,2\s+91,2\s+700", text);
        Assert.Matches(@"Lê Chân\s+100,0\s+33,8\s+9,6\s+83,8\s+534", text);
        Assert.Matches(@"Số hóa hồ sơ, kết quả giải quyết .*chưa đo", text);
        Assert.Matches(@"Thanh toán trực tuyến .*chưa đo", text);
        Assert.Matches(@"Lập lúc \d\d/\d\d/\d{4} \d\d:\d\d \(giờ Việt Nam\)", text);
        Assert.Matches(@"Trang 1/\d", text);
    }

    /// <summary>
    /// pdftotext reads the text layer, which was right even when the glyphs were not: PDFsharp's subsetter dropped the
    /// mark glyphs DejaVu's ố, ề… are composed of, so "phố" printed as "pho". Whole fonts carry every glyph.
    /// </summary>
    [Fact]
    public async Task The_PDF_embeds_both_DejaVu_Sans_fonts_whole_so_letters_with_two_marks_print_with_them()
    {
        var day = new DateOnly(2026, 11, 27);
        using var leader = server.ClientAs(Roles.Leader);
        var report = await CreateAsync(leader, day, day);

        var pdf = System.Text.Encoding.Latin1.GetString(await leader.GetByteArrayAsync(report.GetProperty("pdfUrl").GetString()));
        var embedded = System.Text.RegularExpressions.Regex.Matches(pdf, @"/Length1 (\d+)").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order();
        var folder = new ReportsOptions().FontFolder;
        Assert.Equal(new[] { "DejaVuSans-Bold.ttf", "DejaVuSans.ttf" }.Select(f => new FileInfo(Path.Combine(folder, f)).Length).Order(), embedded);
    }

    [Fact]
    public async Task Incidents_of_the_period_are_summarised_and_the_section_is_left_out_when_there_were_none()
    {
        var day = new DateOnly(2026, 10, 15);
        var quiet = new DateOnly(2026, 10, 17);
        // 00:00 in Hai Phong is 17:00 UTC the day before.
        await server.Postgres.RunSqlAsync("""
            insert into incidents (source_id, type, category, severity, status, summary, opened_at, last_seen_at, acknowledged_at, resolved_at)
            values ('cam-a', 'offline', 'camera', 'critical', 'acknowledged', 'x', '2026-10-14 18:00Z', '2026-10-14 18:00Z', '2026-10-14 18:10Z', null),
                   ('tfd-a', 'congestion', 'traffic', 'major', 'resolved', 'x', '2026-10-15 02:00Z', '2026-10-15 02:00Z', '2026-10-15 02:20Z', '2026-10-15 03:00Z'),
                   ('q-a', 'longWait', 'office', 'major', 'open', 'x', '2026-10-15 09:00Z', '2026-10-15 09:00Z', null, null),
                   ('q-b', 'longWait', 'office', 'minor', 'open', 'x', '2026-10-15 16:59Z', '2026-10-15 16:59Z', null, null),
                   ('q-c', 'longWait', 'office', 'minor', 'open', 'after the day', '2026-10-15 17:00Z', '2026-10-15 17:00Z', null, null);
            insert into incident_events (incident_id, at, actor, action)
            select id, '2026-10-15 09:30Z', 'system:sla', 'escalated' from incidents where source_id = 'q-a';
            """);
        using var leader = server.ClientAs(Roles.Leader);

        var text = await PdfTextAsync(leader, await CreateAsync(leader, day, day));
        var quietText = await PdfTextAsync(leader, await CreateAsync(leader, quiet, quiet));

        Assert.Matches(@"Sự cố mới phát sinh:\s+4 \(khẩn cấp: 1, nghiêm trọng: 2, thông thường: 1\)", text);
        Assert.Matches(@"Theo lĩnh vực:\s+một cửa: 2, camera: 1, giao thông: 1", text);
        Assert.Matches(@"Đã xử lý xong:\s+1", text);
        Assert.Matches(@"Nâng mức do quá hạn xử lý \(SLA\):\s+1", text);
        Assert.Matches(@"Thời gian tiếp nhận \(trung vị\):\s+15,0 phút", text);
        Assert.DoesNotContain("Sự cố mới phát sinh", quietText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_chart_PNG_decodes_at_the_size_the_list_states()
    {
        var day = new DateOnly(2026, 11, 29);
        server.Indicators.CurrentStarts.Add(day);
        using var leader = server.ClientAs(Roles.Leader);
        var report = await CreateAsync(leader, day, day);

        var charts = report.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal([ReportCharts.TrafficSpeedByHour, ReportCharts.CameraAvailabilityByArea, ReportCharts.OneStopWaitByArea, ReportCharts.OneStopOnTimeByArea],
            charts.Select(c => c.GetProperty("name").GetString()));
        foreach (var chart in charts)
        {
            using var response = await leader.GetAsync(chart.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.NotNull(bitmap);
            Assert.Equal((ReportCharts.Width, ReportCharts.Height), (bitmap.Width, bitmap.Height));
            Assert.Equal((bitmap.Width, bitmap.Height), (chart.GetProperty("width").GetInt32(), chart.GetProperty("height").GetInt32()));
            // A chart is drawn, not blank: many colours, not one background.
            Assert.True(bitmap.Pixels.Distinct().Take(50).Count() >= 50, $"{chart.GetProperty("name")} looks blank");
        }
    }

    [Fact]
    public async Task The_list_is_newest_first_with_links_and_the_PDF_downloads_as_an_attachment()
    {
        var first = new DateOnly(2026, 11, 1);
        using var admin = server.ClientAs(Roles.Admin);
        var month = await CreateAsync(admin, first, new DateOnly(2026, 11, 28));
        var single = await CreateAsync(admin, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2));

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/leaders/reports");
        var ids = list.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(single.GetProperty("id").GetString()) < ids.IndexOf(month.GetProperty("id").GetString()), "newest first");
        var listed = list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == month.GetProperty("id").GetString());
        Assert.Equal("custom", listed.GetProperty("kind").GetString());
        Assert.Equal("2026-11-01", listed.GetProperty("from").GetString());
        Assert.Equal("2026-11-28", listed.GetProperty("to").GetString());
        Assert.Equal("ready", listed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("error").ValueKind);
        Assert.EndsWith("Z", listed.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/api/leaders/reports/{month.GetProperty("id").GetString()}/pdf", listed.GetProperty("pdfUrl").GetString());

        using var pdf = await admin.GetAsync(listed.GetProperty("pdfUrl").GetString());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("bao-cao-2026-11-01-den-2026-11-28.pdf", pdf.Content.Headers.ContentDisposition.FileName);
        using var singlePdf = await admin.GetAsync(single.GetProperty("pdfUrl").GetString());
        Assert.Equal("bao-cao-ngay-2026-11-02.pdf", singlePdf.Content.Headers.ContentDisposition!.FileName);
        Assert.Contains("từ 01/11/2026 đến 28/11/2026", await PdfTextAsync(admin, month), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-29", "must not be after")]
    [InlineData("2026-13-01", "2026-11-29", "'from' must be a date as yyyy-MM-dd")]
    [InlineData("2026-11-01", "30/11/2026", "'to' must be a date as yyyy-MM-dd")]
    [InlineData("2024-01-01", "2025-06-30", "at most 366 days")]
    [InlineData("2026-11-01", "2099-01-01", "in the future")]
    public async Task Bad_ranges_get_400_with_the_reason_and_store_nothing(string from, string to, string reason)
    {
        using var leader = server.ClientAs(Roles.Leader);
        var before = (await leader.GetFromJsonAsync<JsonElement>("/api/leaders/reports")).GetArrayLength();

        using var response = await leader.PostAsJsonAsync("/api/leaders/reports", new { from, to });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await leader.GetFromJsonAsync<JsonElement>("/api/leaders/reports")).GetArrayLength());
    }

    [Fact]
    public async Task Operators_and_wall_screens_may_not_read_or_make_reports()
    {
        foreach (var role in new[] { Roles.Operator, Roles.Wall })
        {
            using var client = server.ClientAs(role);
            using var list = await client.GetAsync("/api/leaders/reports");
            using var create = await client.PostAsJsonAsync("/api/leaders/reports", new { from = "2026-11-01", to = "2026-11-01" });
            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (list.StatusCode, create.StatusCode));
        }
    }

    [Fact]
    public async Task Unknown_reports_and_charts_are_404()
    {
        using var leader = server.ClientAs(Roles.Leader);
        using var pdf = await leader.GetAsync($"/api/leaders/reports/{Guid.NewGuid()}/pdf");
        using var malformed = await leader.GetAsync("/api/leaders/reports/not-a-guid/pdf");
        using var chart = await leader.GetAsync($"/api/leaders/reports/{Guid.NewGuid()}/charts/traffic-speed-by-hour.png");
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { pdf.StatusCode, malformed.StatusCode, chart.StatusCode });
    }

    internal static async Task<JsonElement> CreateAsync(HttpClient client, DateOnly from, DateOnly to)
    {
        using var response = await client.PostAsJsonAsync("/api/leaders/reports", new { from = $"{from:yyyy-MM-dd}", to = $"{to:yyyy-MM-dd}" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The PDF's text as pdftotext reads it (layout kept, so a table row stays on one line).</summary>
    internal static async Task<string> PdfTextAsync(HttpClient client, JsonElement report)
    {
        var bytes = await client.GetByteArrayAsync(report.GetProperty("pdfUrl").GetString());
        var path = Path.Combine(Path.GetTempPath(), $"opscenter-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.LocalServices;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Leaders.Reports;
using OpsCenter.Server.Persistence;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Reports;

/// <summary>
/// Generating the daily report for the demo city (all its areas), as the 07:00 job does: figures from an in-process
/// indicator source (<see cref="BenchIndicators"/>), 200 incidents of the day summarised from a real PostgreSQL, four
/// ScottPlot charts, the PDF, and storing it all. Times each phase and counts what the process allocated per report.
/// </summary>
internal static class ReportRun
{
    private const int Incidents = 200;

    public static async Task<IReadOnlyList<string>> MeasureAsync(int runs)
    {
        var postgres = await PostgresServer.StartNewAsync();
        try
        {
            return await MeasureAsync(postgres.ConnectionString, runs);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> MeasureAsync(string connectionString, int runs)
    {
        DapperConventions.Apply();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).StartingAsync(CancellationToken.None);
        var city = TestCity.Demo;
        var day = new DateOnly(2026, 11, 30);
        await SeedIncidentsAsync(dataSource, day);

        var assembler = new ReportAssembler(new BenchIndicators(city), new IncidentSummaryReader(dataSource), city, TimeProvider.System);
        var store = new LeaderReportStore(dataSource);
        ReportFonts.Install(new ReportsOptions().FontFolder);
        var days = CityDays.Day(day);

        // Warm-up: JIT, fonts, the connection pool.
        for (var i = 0; i < 3; i++)
            await OnceAsync(assembler, store, days);
        var timings = new List<Phases>();
        for (var i = 0; i < runs; i++)
            timings.Add(await OnceAsync(assembler, store, days));

        var last = timings[^1];
        var folder = Directory.CreateTempSubdirectory("opscenter-bench-report-").FullName;
        var (content, charts, pdf) = (last.Content!, last.Charts!, last.Pdf!);
        await File.WriteAllBytesAsync(Path.Combine(folder, ReportKind.Daily.PdfFileName(days)), pdf);
        foreach (var chart in charts)
            await File.WriteAllBytesAsync(Path.Combine(folder, chart.Name + ".png"), chart.Png);

        static string Ms(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return $"p50 {sorted[sorted.Length / 2]:N0} ms, max {sorted[^1]:N0} ms";
        }
        return
        [
            $"report: the daily report of the demo city ({content.Areas.Count} areas, {Incidents} incidents, {charts.Count} charts), {runs} runs after 3 warm-up: " +
            $"total {Ms(timings.Select(t => t.TotalMs))}; allocated {timings.Average(t => t.AllocatedBytes) / (1 << 20):N1} MB per report",
            $"report: phases (p50): figures and incidents {Ms(timings.Select(t => t.AssembleMs))[4..]}; charts {Ms(timings.Select(t => t.ChartsMs))[4..]}; " +
            $"PDF {Ms(timings.Select(t => t.PdfMs))[4..]}; store {Ms(timings.Select(t => t.StoreMs))[4..]}",
            $"report: PDF {pdf.Length / 1024.0:N0} KB, charts {charts.Sum(c => c.Png.Length) / 1024.0:N0} KB in all; written to {folder}",
        ];
    }

    private static async Task<Phases> OnceAsync(ReportAssembler assembler, LeaderReportStore store, CityDays days)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var content = await assembler.AssembleAsync(ReportKind.Daily, days, CancellationToken.None);
        var assemble = clock.Elapsed.TotalMilliseconds;
        var charts = ReportCharts.Draw(content);
        var drawn = clock.Elapsed.TotalMilliseconds;
        var pdf = ReportPdf.Render(content, charts);
        var laidOut = clock.Elapsed.TotalMilliseconds;
        await store.SaveReadyAsync(ReportKind.Daily, days, content.GeneratedAt, pdf, charts, CancellationToken.None);
        var total = clock.Elapsed.TotalMilliseconds;
        return new Phases(assemble, drawn - assemble, laidOut - drawn, total - laidOut, total,
            GC.GetTotalAllocatedBytes(precise: true) - allocated, content, charts, pdf);
    }

    private static async Task SeedIncidentsAsync(NpgsqlDataSource dataSource, DateOnly day)
    {
        // The day starts at 17:00 UTC the evening before in Hai Phong; spread the incidents over its 24 hours.
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        string[] severities = ["critical", "major", "minor", "info"];
        string[] categories = ["camera", "traffic", "office", "device", "citizen"];
        for (var i = 0; i < Incidents; i++)
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO incidents (source_id, type, category, severity, status, summary, opened_at, last_seen_at, acknowledged_at)
                VALUES ($1, 'bench', $2, $3, 'acknowledged', 'bench', $4, $4, $5)
                """);
            var opened = start.AddMinutes(i * 7);
            command.Parameters.AddWithValue($"bench-{i}");
            command.Parameters.AddWithValue(categories[i % categories.Length]);
            command.Parameters.AddWithValue(severities[i % severities.Length]);
            command.Parameters.AddWithValue(opened.UtcDateTime);
            command.Parameters.AddWithValue(opened.AddMinutes(3 + (i % 20)).UtcDateTime);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record Phases(double AssembleMs, double ChartsMs, double PdfMs, double StoreMs, double TotalMs, long AllocatedBytes,
        ReportContent? Content, IReadOnlyList<ReportChart>? Charts, byte[]? Pdf);
}

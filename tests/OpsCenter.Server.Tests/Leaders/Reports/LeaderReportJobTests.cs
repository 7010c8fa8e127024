using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Leaders.Reports;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Leaders.Reports;

/// <summary>The scheduled reports through Hangfire on the real PostgreSQL: schedule, idempotence, retries and failure.</summary>
[Collection(ReportsCollection.Name)]
public sealed class LeaderReportJobTests(ReportsFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void The_daily_and_weekly_reports_are_recurring_jobs_at_07_00_and_Monday_07_30_city_time()
    {
        using var connection = server.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        var daily = jobs[LeaderReportJob.DailyJobId];
        var weekly = jobs[LeaderReportJob.WeeklyJobId];
        Assert.Equal((typeof(LeaderReportJob), nameof(LeaderReportJob.RunAsync)), (daily.Job.Type, daily.Job.Method.Name));
        Assert.Equal("daily", daily.Job.Args[0]);
        Assert.Equal("weekly", weekly.Job.Args[0]);
        Assert.Equal("Asia/Ho_Chi_Minh", daily.TimeZoneId);
        Assert.Equal("Asia/Ho_Chi_Minh", weekly.TimeZoneId);
        // The fixture turns the schedule off (Cron.Never) so the real clock makes no report mid-test; these are the defaults.
        Assert.Equal(Cron.Never(), daily.Cron);
        Assert.Equal(("0 7 * * *", "30 7 * * 1"), (new ReportsOptions().DailyCron, new ReportsOptions().WeeklyCron));
    }

    [Fact]
    public async Task A_scheduled_report_covers_yesterday_or_last_week_and_is_made_once_however_often_it_runs()
    {
        // Monday 2025-03-10, 07:00 in Hai Phong.
        var triggered = new DateTimeOffset(2025, 3, 10, 7, 0, 0, TimeSpan.FromHours(7));
        using var scope = server.Factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<LeaderReportJob>();

        var daily = await job.RunForAsync(ReportKind.Daily, triggered, CancellationToken.None);
        var again = await job.RunForAsync(ReportKind.Daily, triggered.AddMinutes(20), CancellationToken.None);
        var weekly = await job.RunForAsync(ReportKind.Weekly, triggered.AddMinutes(30), CancellationToken.None);
        await Task.WhenAll(job.RunForAsync(ReportKind.Weekly, triggered.AddMinutes(30), CancellationToken.None),
            job.RunForAsync(ReportKind.Weekly, triggered.AddMinutes(31), CancellationToken.None));

        Assert.Equal(daily, again);
        Assert.Equal(["daily|2025-03-09|2025-03-09|ready|4", "weekly|2025-03-03|2025-03-09|ready|4"], await Sql("""
            select kind || '|' || period_from || '|' || period_to || '|' || status || '|' || (select count(*) from leader_report_charts c where c.report_id = r.id)
            from leader_reports r where period_to = '2025-03-09' order by kind
            """));
        Assert.Equal([weekly.ToString()], await Sql("select id::text from leader_reports where kind = 'weekly' and period_from = '2025-03-03'"));
    }

    [Fact]
    public async Task A_failing_report_is_retried_by_Hangfire_then_shows_failed_there_and_in_the_list()
    {
        var services = server.Factory.Services;
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        var storage = services.GetRequiredService<JobStorage>();
        server.Indicators.FailWith = new InvalidOperationException("InfluxDB is unreachable (test)");
        try
        {
            var id = jobs.Enqueue<LeaderReportJob>(job => job.RunAsync("daily", null, CancellationToken.None));
            for (var attempt = 1; attempt <= LeaderReportJob.Attempts; attempt++)
            {
                // A retry waits minutes in production; the test sends the scheduled retry back to the queue at once.
                await Eventually.True(() => State(storage, id) == "Scheduled", Patience, $"retry {attempt} scheduled");
                Assert.Equal(attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), Parameter(storage, id, "RetryCount"));
                Assert.True(jobs.Requeue(id), "requeued");
            }
            await Eventually.True(() => State(storage, id) == "Failed", Patience, "the job failed for good");
            using (var connection = storage.GetConnection())
                Assert.Contains("InfluxDB is unreachable (test)", connection.GetStateData(id).Data["ExceptionMessage"], StringComparison.Ordinal);

            var yesterday = CityCalendar.For(TestCity.Create()).DayOf(DateTimeOffset.UtcNow).AddDays(-1);
            using var leader = server.ClientAs(Roles.Leader);
            var listed = (await leader.GetFromJsonAsync<JsonElement>("/api/leaders/reports")).EnumerateArray()
                .Single(r => r.GetProperty("kind").GetString() == "daily" && r.GetProperty("from").GetString() == $"{yesterday:yyyy-MM-dd}");
            Assert.Equal("failed", listed.GetProperty("status").GetString());
            Assert.Equal("InfluxDB is unreachable (test)", listed.GetProperty("error").GetString());
            using (var pdf = await leader.GetAsync(listed.GetProperty("pdfUrl").GetString()))
                Assert.Equal(System.Net.HttpStatusCode.NotFound, pdf.StatusCode);
            Assert.Empty(listed.GetProperty("charts").EnumerateArray());

            // Once the figures are back, the next run makes the report in the same row.
            server.Indicators.FailWith = null;
            using var scope = services.CreateScope();
            var made = await scope.ServiceProvider.GetRequiredService<LeaderReportJob>().RunForAsync(ReportKind.Daily, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.Equal(listed.GetProperty("id").GetString(), made.ToString());
            Assert.Equal(["ready|"], await Sql($"select status || '|' || coalesce(error, '') from leader_reports where id = '{made}'"));
        }
        finally
        {
            server.Indicators.FailWith = null;
        }
    }

    private static string? State(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }

    private static string? Parameter(JobStorage storage, string id, string name)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobParameter(id, name);
    }

    private async Task<string[]> Sql(string sql) =>
        (await server.Postgres.RunSqlAsync(sql)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

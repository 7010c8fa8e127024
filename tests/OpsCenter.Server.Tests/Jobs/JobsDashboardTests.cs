using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Incidents.Sla;

namespace OpsCenter.Server.Tests.Jobs;

/// <summary>Hangfire in the Server on the test PostgreSQL: the SLA job is scheduled, and the dashboard is for admins only.</summary>
[Collection(ServerCollection.Name)]
public sealed class JobsDashboardTests(ServerFixture server)
{
    [Fact]
    public async Task The_SLA_escalation_is_registered_as_a_recurring_job_in_PostgreSQL()
    {
        using var connection = server.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == SlaEscalationJob.RecurringJobId);
        Assert.Equal(typeof(SlaEscalationJob), job.Job.Type);
        Assert.Equal(nameof(SlaEscalationJob.RunAsync), job.Job.Method.Name);
        // The fixture sets Cron.Never() so the real clock does not escalate other tests' incidents; the default is every minute.
        Assert.Equal(Cron.Never(), job.Cron);
        Assert.Equal("0 * * * * *", new OpsCenter.Server.Jobs.JobsOptions().SlaEscalationCron);
        Assert.Equal(["1"], (await server.Postgres.RunSqlAsync("select count(*) from information_schema.schemata where schema_name = 'hangfire'"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Hangfire_activates_the_job_from_a_DI_scope()
    {
        using var scope = server.Factory.Services.GetRequiredService<JobActivator>().BeginScope((JobActivatorContext)null!);
        Assert.IsType<SlaEscalationJob>(scope.Resolve(typeof(SlaEscalationJob)));
    }

    /// <summary>
    /// The dashboard is one catch-all endpoint with no HTTP method, so the OpenAPI test rightly skips it as not REST,
    /// while EndpointAuthorizationTests walks it (as GET /hangfire/1) like every other endpoint.
    /// </summary>
    [Fact]
    public void The_dashboard_is_one_endpoint_requiring_the_admin_role()
    {
        var dashboard = Assert.Single(server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("hangfire", StringComparison.Ordinal));
        Assert.Null(dashboard.Metadata.GetMetadata<IHttpMethodMetadata>());
        Assert.Equal([Roles.Admin], dashboard.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Roles));
    }

    [Fact]
    public async Task Admins_signed_in_with_the_cookie_or_a_token_get_the_dashboard()
    {
        var session = await SignInTests.SignInWithFormAsync(server, ServerFixture.AdminName, ServerFixture.AdminPassword, "/");
        using var browser = server.Client();
        browser.DefaultRequestHeaders.Add("Cookie", session.Cookie);
        using var page = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Recurring", html, StringComparison.Ordinal);
        // Only inline styles are allowed there (Hangfire's markup needs them); scripts still come from files only.
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self' 'unsafe-inline';", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);

        using var admin = server.ClientAs(Roles.Admin);
        using var recurring = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        Assert.Contains(SlaEscalationJob.RecurringJobId, await recurring.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_the_login_page()
    {
        using var client = server.Client();
        using var page = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Every_other_role_and_every_service_key_gets_403()
    {
        var failures = new List<string>();
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            using var client = server.ClientAs(role);
            foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/stats" })
            {
                using var response = path.EndsWith("stats", StringComparison.Ordinal)
                    ? await client.PostAsync(path, new StringContent(""))
                    : await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{path} as {role}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }
}

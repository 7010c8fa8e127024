using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using OpsCenter.Server.Security;
using OpsCenter.Server.WebPages;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Jobs;

public static class JobsExtensions
{
    public const string DashboardPath = "/hangfire";
    public const string Schema = "hangfire";

    /// <summary>
    /// The site's policy with inline styles allowed, for the dashboard only: Hangfire 1.8's pages load their scripts
    /// from files (script-src stays 'self') but colour state cards and labels with style="" attributes, and its Chart.js
    /// injects a &lt;style&gt; element; under the site's style-src 'self' those are blocked and the pages lose meaning.
    /// </summary>
    public static readonly string DashboardContentSecurityPolicy =
        WebPagesExtensions.ContentSecurityPolicy.Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    /// <summary>
    /// Hangfire on the Server's PostgreSQL (its own schema, created by Hangfire), a small server in this process that
    /// runs jobs as plain classes from DI scopes, and the recurring jobs' schedule.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        var settings = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Postgres is required for Hangfire (env ConnectionStrings__Postgres).");

        // AddHangfire would hand this host the process-wide JobStorage.Current and JobActivator.Current, i.e. those of
        // whichever host configured Hangfire last: two Servers in one process (the tests start several) would then
        // share one queue and build each other's jobs from each other's services. Registered first, these win.
        var own = new HostStorage();
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>(); // runs the configuration below, which sets own.Storage
            return own.Storage!;
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => own.Storage = config
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = Schema, PrepareSchemaIfNecessary = true }).Entry);
        services.AddHangfireServer(o => o.WorkerCount = settings.WorkerCount);
        services.AddHostedService<RecurringJobSchedule>();
        return builder;
    }

    private sealed class HostStorage
    {
        public JobStorage? Storage { get; set; }
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for admins only (the endpoint's role and Hangfire's own filter).</summary>
    public static WebApplication MapJobs(this WebApplication app)
    {
        // Runs after authorization, so only admins' dashboard responses carry the relaxed policy.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = DashboardContentSecurityPolicy;
            return next(context);
        }));
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            AppPath = "/",
            DashboardTitle = "OpsCenter jobs",
            DisplayStorageConnectionString = false,
        }).RequireRoles(Roles.Admin);
        return app;
    }
}

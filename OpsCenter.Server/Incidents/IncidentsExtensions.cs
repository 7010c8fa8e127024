using OpsCenter.Server.Incidents.Sla;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Incidents;

public static class IncidentsExtensions
{
    /// <summary>The incident store, the <see cref="IIncidentSink"/> the rule engine raises into, storm options, maintenance windows, the SLA and its escalation job, the cached feed of the live <c>incidents</c> view.</summary>
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<IncidentsOptions>(IncidentsOptions.Section);
        services.AddValidatedOptions<SlaOptions>(SlaOptions.Section);
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<SlaDeadlineStore>();
        // Run by Hangfire (Jobs/JobsExtensions.cs schedules it), activated from a DI scope per run.
        services.AddTransient<SlaEscalationJob>();
        services.AddSingleton<IncidentLifecycle>();
        services.AddSingleton<IncidentFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentFeed>());
        services.AddSingleton<MaintenanceWindowStore>();
        services.AddSingleton<IncidentIntake>();
        services.AddSingleton<IIncidentSink>(sp => sp.GetRequiredService<IncidentIntake>());

        services.AddValidatedOptions<SnapshotOptions>(SnapshotOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<SnapshotFetcher>();
        // No redirects (a redirect could lead off the allow-list), no cookies, and no HttpClient logging: its request
        // lines would carry the URL's query string. The fetcher's own token bounds the whole fetch, body included.
        services.AddHttpClient(SnapshotFetcher.HttpClientName, (sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SnapshotOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        return builder;
    }

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapIncidentEndpoints();
        app.MapMaintenanceWindowsApi();
        return app;
    }
}

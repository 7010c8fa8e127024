using OpsCenter.Server.Incidents.Sla;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Incidents;

public static class IncidentsExtensions
{
    /// <summary>The incident store, the <see cref="IIncidentSink"/> the rule engine raises into, storm options, maintenance windows, the SLA and its escalation job.</summary>
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
        services.AddSingleton<MaintenanceWindowStore>();
        services.AddSingleton<IncidentIntake>();
        services.AddSingleton<IIncidentSink>(sp => sp.GetRequiredService<IncidentIntake>());
        return builder;
    }

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapIncidentEndpoints();
        app.MapMaintenanceWindowsApi();
        return app;
    }
}

using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Incidents;

public static class IncidentsExtensions
{
    /// <summary>The incident store, the <see cref="IIncidentSink"/> the rule engine raises into, storm options, maintenance windows, the cached feed of the live <c>incidents</c> view.</summary>
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<IncidentsOptions>(IncidentsOptions.Section);
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentLifecycle>();
        services.AddSingleton<IncidentFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentFeed>());
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

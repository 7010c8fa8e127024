using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Daily, weekly and on-demand reports: ScottPlot charts and a Vietnamese PDF, stored and downloadable by leaders.</summary>
public static class ReportsExtensions
{
    /// <summary>
    /// The report pieces and their schedule. The figures come through <see cref="Indicators.IIndicatorSource"/>,
    /// registered by the rollups (<c>Leaders/Rollups</c>).
    /// </summary>
    public static IHostApplicationBuilder AddLeaderReports(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ReportsOptions>(ReportsOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<IncidentSummaryReader>();
        services.AddSingleton<LeaderReportStore>();
        services.AddTransient<ReportAssembler>();
        services.AddTransient<LeaderReportGenerator>();
        // Run by Hangfire, activated from a DI scope per run.
        services.AddTransient<LeaderReportJob>();
        services.AddTransient<FirstDailyReport>();
        services.AddHostedService<ReportSchedule>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLeaderReports(this IEndpointRouteBuilder app) => app.MapLeaderReportsApi();
}

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Daily, weekly and on-demand reports: ScottPlot charts and a Vietnamese PDF, stored and downloadable by leaders.</summary>
public static class ReportsExtensions
{
    public static IHostApplicationBuilder AddLeaderReports(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLeaderReports(this IEndpointRouteBuilder app) => app;
}

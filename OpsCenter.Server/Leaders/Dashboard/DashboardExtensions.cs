namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>The leaders' dashboard API: indicators today against yesterday and the 7-day average, rankings, trends.</summary>
public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddLeadersDashboard(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLeadersDashboard(this IEndpointRouteBuilder app) => app;
}

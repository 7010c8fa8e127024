using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>The leaders' dashboard API: indicators today against yesterday and the 7-day average, rankings, trends.</summary>
public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddLeadersDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCityInventory();
        // The rollups register the real source before this runs; without them the dashboard says "not measured".
        builder.Services.TryAddSingleton<IIndicatorSource, UnmeasuredIndicatorSource>();
        builder.Services.AddSingleton<LeadersSummary>();
        builder.Services.AddSingleton<IndicatorTrends>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLeadersDashboard(this IEndpointRouteBuilder app) => app.MapDashboardApi();
}

using OpsCenter.Server.Leaders.Dashboard;
using OpsCenter.Server.Leaders.Figures;
using OpsCenter.Server.Leaders.Reports;
using OpsCenter.Server.Leaders.Rollups;

namespace OpsCenter.Server.Leaders;

/// <summary>What city leaders use: rollups behind the indicators, the dashboard, socio-economic figures, reports.</summary>
public static class LeadersExtensions
{
    public static IHostApplicationBuilder AddLeaders(this IHostApplicationBuilder builder) => builder
        .AddRollups()
        .AddLeadersDashboard()
        .AddSocioEconomicFigures()
        .AddLeaderReports();

    public static IEndpointRouteBuilder MapLeaders(this IEndpointRouteBuilder app) => app
        .MapRollups()
        .MapLeadersDashboard()
        .MapSocioEconomicFigures()
        .MapLeaderReports();
}

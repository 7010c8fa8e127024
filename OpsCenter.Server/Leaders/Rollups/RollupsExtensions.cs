namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>Hourly and daily rollups in InfluxDB, their retention policies and recurring jobs, and the indicator source that reads them.</summary>
public static class RollupsExtensions
{
    public static IHostApplicationBuilder AddRollups(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapRollups(this IEndpointRouteBuilder app) => app;
}

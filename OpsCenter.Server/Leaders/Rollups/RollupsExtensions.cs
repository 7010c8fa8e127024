using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Wall;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>Hourly and daily rollups in InfluxDB, their retention policies and recurring jobs, and the indicator source that reads them.</summary>
public static class RollupsExtensions
{
    public static IHostApplicationBuilder AddRollups(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RollupOptions>(RollupOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<RawRollup>();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<RollupRunner>();
        services.AddSingleton<RollupRetention>();
        services.AddSingleton<TouchedHourStore>();
        services.AddTransient<RollupJob>();
        services.AddSingleton<LateReadingMarks>();
        services.AddSingleton<IStoredStreamObserver>(sp => sp.GetRequiredService<LateReadingMarks>());
        services.AddHostedService(sp => sp.GetRequiredService<LateReadingMarks>());
        services.AddHostedService<RollupRetentionStartup>();
        services.AddHostedService<RollupSchedule>();
        services.AddSingleton<IIndicatorSource, RollupIndicatorSource>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRollups(this IEndpointRouteBuilder app) => app;
}

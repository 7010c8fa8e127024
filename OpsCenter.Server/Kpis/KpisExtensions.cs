using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Kpis;

public static class KpisExtensions
{
    /// <summary>
    /// The KPI catalogue (docs/kpis.md): the engine that live views read as <see cref="IKpiSource"/>, fed beside the
    /// live city state by the stored stream, its rebuild from InfluxDB at start-up, and the history for sparklines.
    /// Needs <c>AddWall</c> (the state and the stream) but not before it: services resolve after all are registered.
    /// The live views (<c>AddLiveViews</c>) publish what it computes as their <see cref="IKpiSource"/>.
    /// </summary>
    public static IHostApplicationBuilder AddKpis(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<KpiEngine>();
        services.AddSingleton<IKpiSource>(sp => sp.GetRequiredService<KpiEngine>());
        services.AddSingleton<IStoredStreamObserver>(sp => sp.GetRequiredService<KpiEngine>());
        services.AddSingleton<KpiHistory>();
        services.AddHostedService<KpiRebuild>();
        return builder;
    }
}

using OpsCenter.Contracts.Hubs;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Live;

public static class LiveExtensions
{
    /// <summary>Change-driven views on <c>/hubs/live</c>: snapshot, then deltas with sequence numbers.</summary>
    public static IHostApplicationBuilder AddLiveViews(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR();
        services.AddSingleton<DeviceBoard>();
        services.AddSingleton<IStoredStreamObserver>(sp => sp.GetRequiredService<DeviceBoard>());
        services.AddSingleton<LiveDocuments>();
        services.AddSingleton<LiveViewRegistry>();
        services.AddHostedService<LiveViewPublisher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveViews(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(HubPaths.Live);
        return app;
    }
}

using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Hubs;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Pushes the wall snapshot once a second when something changed. One snapshot for all screens: the cost does not grow
/// with the message rate, and a wall never repaints faster than a person can read.
/// </summary>
public sealed class WallBroadcaster(LiveCityState state, WallFreshness freshness, IHubContext<WallHub, IWallClient> hub, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        long lastVersion = -1;
        var lastStale = "";
        var lastPush = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Push at least every 30 s even without news, so stale readings visibly age out; at once when freshness changes.
            var stale = string.Join(',', freshness.StaleReasons());
            if (state.Version == lastVersion && stale == lastStale && clock.GetUtcNow() - lastPush < TimeSpan.FromSeconds(30))
                continue;
            lastVersion = state.Version;
            lastStale = stale;
            lastPush = clock.GetUtcNow();
            await hub.Clients.All.WallUpdated(freshness.Snapshot());
        }
    }
}

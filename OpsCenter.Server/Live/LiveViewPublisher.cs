using OpsCenter.Server.Incidents;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Live;

/// <summary>
/// Sends each followed view's changes as they happen: it watches the city state's and the incident feed's versions every few milliseconds,
/// publishes at once when it moved, then waits out the rest of <see cref="MinInterval"/> so that a burst of readings
/// becomes one frame (at most 10 per second per view). Once a second it publishes anyway, for what time alone changes
/// (freshness, windows); a view whose document did not change sends nothing.
/// </summary>
public sealed partial class LiveViewPublisher(
    LiveViewRegistry views, LiveCityState state, IncidentFeed incidents, TimeProvider clock, ILogger<LiveViewPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long seenVersion = -1;
        var lastPublish = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                var version = state.Version + incidents.Version; // both only grow, so the sum moves when either does
                if (version != seenVersion || now - lastPublish >= Heartbeat)
                {
                    seenVersion = version;
                    lastPublish = now;
                    await PublishAllAsync(stoppingToken);
                    var spent = clock.GetUtcNow() - now;
                    if (spent < MinInterval)
                        await Task.Delay(MinInterval - spent, clock, stoppingToken);
                }
                else
                {
                    await Task.Delay(Poll, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PublishAllAsync(CancellationToken stoppingToken)
    {
        foreach (var channel in views.Views)
        {
            try
            {
                await channel.PublishAsync(() => views.Build(channel.View), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One view failing to build must not stop the others or the loop.
                LogPublishFailed(channel.View, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live view {View} could not be published: {Error}")]
    private partial void LogPublishFailed(string view, string error);
}

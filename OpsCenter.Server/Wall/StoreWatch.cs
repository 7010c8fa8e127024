using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Whether InfluxDB answers, checked every <see cref="Interval"/>. While it does not, the live figures may still
/// flow (Ingest buffers to disk) but history, sparklines and recovery after a restart cannot be read: screens say so.
/// </summary>
public sealed partial class StoreWatch(IServiceProvider services, TimeProvider clock, ILogger<StoreWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private volatile bool _reachable = true;

    public bool IsReachable => _reachable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(Interval * 0.75);
            bool reachable;
            try
            {
                reachable = await services.GetRequiredService<InfluxQlClient>().PingAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                reachable = false; // a hung server counts as down
            }
            if (reachable != _reachable)
                LogChanged(reachable ? "answers again" : "does not answer");
            _reachable = reachable;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB {What}")]
    private partial void LogChanged(string what);
}

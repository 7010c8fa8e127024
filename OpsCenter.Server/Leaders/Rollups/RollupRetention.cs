using Microsoft.Extensions.Options;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The retention policies: raw readings (<c>Influx:RetentionPolicy</c>, <c>Influx:RawRetention</c>, 30 days by
/// default), hourly rollups (<c>Rollups:HourlyPolicy</c>, 365 days) and daily rollups (<c>Rollups:DailyPolicy</c>,
/// kept). Created or altered at start-up and before every rollup run until that succeeded once; idempotent, so
/// every Server and Ingest may do it at once.
/// </summary>
public sealed partial class RollupRetention(InfluxBootstrap bootstrap, IOptions<RollupOptions> options, ILogger<RollupRetention> logger)
{
    private volatile bool _ensured;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured)
            return;
        await bootstrap.EnsureDatabaseAsync(cancellationToken);
        if (bootstrap.ManagesRetention)
        {
            var o = options.Value;
            await bootstrap.EnsureRetentionPolicyAsync(o.HourlyPolicy, RetentionDuration.Parse(o.HourlyRetention), cancellationToken);
            await bootstrap.EnsureRetentionPolicyAsync(o.DailyPolicy, RetentionDuration.Parse(o.DailyRetention), cancellationToken);
        }
        else
        {
            LogNotManaged(options.Value.HourlyPolicy, options.Value.DailyPolicy);
        }
        _ensured = true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "InfluxDB 2.x/3.x: the rollups write to buckets {Hourly} and {Daily} (DBRP-mapped), whose retention is the administrator's")]
    private partial void LogNotManaged(string hourly, string daily);
}

/// <summary>Creates the retention policies at start-up without holding the start back: InfluxDB may come later.</summary>
internal sealed partial class RollupRetentionStartup(RollupRetention retention, TimeProvider clock, ILogger<RollupRetentionStartup> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retention.EnsureAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rollup job tries again before its run too, and fails visibly if it still cannot.
                LogRetrying(ex.Message, RetryEvery.TotalSeconds);
                await Task.Delay(RetryEvery, clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set up the rollups' retention policies ({Error}); trying again in {Seconds} s")]
    private partial void LogRetrying(string error, double seconds);
}

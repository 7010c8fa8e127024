using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

/// <summary>Creates the database at start-up when it is missing (1.x); on 2.x/3.x checks that it can be read.</summary>
public sealed partial class InfluxBootstrap(InfluxQlClient influxQl, IOptions<InfluxOptions> options, ILogger<InfluxBootstrap> logger)
{
    private readonly InfluxOptions _options = options.Value;

    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_options.ServerGeneration is InfluxServerGeneration.V1Legacy or InfluxServerGeneration.V1)
        {
            // CREATE DATABASE is idempotent on 1.x; it also creates the default 'autogen' policy.
            await influxQl.QueryAsync($"CREATE DATABASE \"{_options.Database}\"", cancellationToken, usesDatabase: false);
            if (_options.RetentionPolicy != "autogen")
            {
                await influxQl.QueryAsync(
                    $"CREATE RETENTION POLICY \"{_options.RetentionPolicy}\" ON \"{_options.Database}\" DURATION INF REPLICATION 1",
                    cancellationToken, usesDatabase: false);
            }
            LogReady(_options.Database, _options.RetentionPolicy, _options.Url);
            return;
        }

        // 2.x buckets and DBRP mappings are an administrator's decision (retention, ownership); we only verify.
        await influxQl.QueryAsync("SHOW MEASUREMENTS LIMIT 1", cancellationToken);
        LogReady(_options.Database, _options.RetentionPolicy, _options.Url);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB database {Database}/{RetentionPolicy} ready at {Url}")]
    private partial void LogReady(string database, string retentionPolicy, string url);
}

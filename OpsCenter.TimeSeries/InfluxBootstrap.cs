using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

/// <summary>
/// Creates the database at start-up when it is missing (1.x) and gives the raw readings' retention policy its configured
/// duration (<see cref="InfluxOptions.RawRetention"/>); on 2.x/3.x checks that it can be read (retention there is the
/// bucket's, an administrator's decision).
/// </summary>
public sealed partial class InfluxBootstrap(InfluxQlClient influxQl, IOptions<InfluxOptions> options, ILogger<InfluxBootstrap> logger)
{
    private readonly InfluxOptions _options = options.Value;

    public bool ManagesRetention => _options.ServerGeneration is InfluxServerGeneration.V1Legacy or InfluxServerGeneration.V1;

    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (ManagesRetention)
        {
            // CREATE DATABASE is idempotent on 1.x; it also creates the default 'autogen' policy.
            await influxQl.QueryAsync($"CREATE DATABASE \"{_options.Database}\"", cancellationToken, usesDatabase: false);
            await EnsureRetentionPolicyAsync(_options.RetentionPolicy, RetentionDuration.Parse(_options.RawRetention), cancellationToken);
            LogReady(_options.Database, _options.RetentionPolicy, _options.Url);
            return;
        }

        // 2.x buckets and DBRP mappings are an administrator's decision (retention, ownership); we only verify.
        await influxQl.QueryAsync("SHOW MEASUREMENTS LIMIT 1", cancellationToken);
        LogReady(_options.Database, _options.RetentionPolicy, _options.Url);
    }

    /// <summary>
    /// Creates the policy with <paramref name="duration"/> (zero = infinite) or alters it to that duration, only when it
    /// differs: every Ingest and Server may run this at start-up at once, and running it again changes nothing.
    /// </summary>
    public async Task EnsureRetentionPolicyAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var existing = await RetentionPoliciesAsync(cancellationToken);
        var target = RetentionDuration.ToInfluxQl(duration);
        var on = $"\"{name}\" ON \"{_options.Database}\"";
        if (!existing.TryGetValue(name, out var current))
        {
            await influxQl.QueryAsync($"CREATE RETENTION POLICY {on} DURATION {target} REPLICATION 1", cancellationToken, usesDatabase: false);
            LogRetention(name, target, "created");
            return;
        }
        if (current.Duration == duration)
            return;
        // InfluxDB refuses a duration shorter than the policy's shard groups; give it the shard duration it would pick.
        var shard = duration != TimeSpan.Zero && duration < current.ShardGroup ? $" SHARD DURATION {ShardDurationFor(duration)}" : "";
        await influxQl.QueryAsync($"ALTER RETENTION POLICY {on} DURATION {target}{shard}", cancellationToken, usesDatabase: false);
        LogRetention(name, target, "altered");
    }

    public async Task<IReadOnlyDictionary<string, (TimeSpan Duration, TimeSpan ShardGroup)>> RetentionPoliciesAsync(CancellationToken cancellationToken)
    {
        var response = await influxQl.QueryAsync($"SHOW RETENTION POLICIES ON \"{_options.Database}\"", cancellationToken, usesDatabase: false);
        var policies = new Dictionary<string, (TimeSpan, TimeSpan)>(StringComparer.Ordinal);
        foreach (var row in response.Results.SelectMany(r => r.Series).SelectMany(s => s.Rows()))
        {
            if (row.TryGetValue("name", out var n) && n.ValueKind == JsonValueKind.String)
                policies[n.GetString()!] = (Shown(row, "duration"), Shown(row, "shardGroupDuration"));
        }
        return policies;
    }

    private static TimeSpan Shown(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var v) && v.ValueKind == JsonValueKind.String ? RetentionDuration.ParseShown(v.GetString()!) : TimeSpan.Zero;

    /// <summary>InfluxDB 1.x's own defaults: 1 h below 2 days, 1 day up to 6 months, 7 days beyond.</summary>
    private static string ShardDurationFor(TimeSpan duration) =>
        duration < TimeSpan.FromDays(2) ? "1h" : duration <= TimeSpan.FromDays(183) ? "1d" : "7d";

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB database {Database}/{RetentionPolicy} ready at {Url}")]
    private partial void LogReady(string database, string retentionPolicy, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB retention policy {Name} {Action}: duration {Duration}")]
    private partial void LogRetention(string name, string duration, string action);
}

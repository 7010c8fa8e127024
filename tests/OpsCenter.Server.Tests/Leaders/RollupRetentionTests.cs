using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.LocalServices;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>The retention policies on a real InfluxDB 1.6: created at start-up as configured, unchanged by a second start, altered by a new setting.</summary>
public sealed class RollupRetentionTests : IAsyncLifetime
{
    private InfluxDbServer _influx = null!;

    public async ValueTask InitializeAsync() =>
        _influx = await InfluxDbServer.StartNewAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _influx.DisposeAsync();

    [Fact]
    public async Task Raw_hourly_and_daily_policies_get_their_durations_and_a_second_start_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (retention, bootstrap) = Create(new InfluxOptions(), new RollupOptions());

        await retention.EnsureAsync(ct);
        var first = await bootstrap.RetentionPoliciesAsync(ct);
        Assert.Equal(TimeSpan.FromDays(30), first["autogen"].Duration);
        Assert.Equal(TimeSpan.FromDays(365), first["hourly"].Duration);
        Assert.Equal(TimeSpan.Zero, first["daily"].Duration); // infinite

        // Another Server (or Ingest) starting with the same settings.
        await Create(new InfluxOptions(), new RollupOptions()).Retention.EnsureAsync(ct);
        Assert.Equal(first.OrderBy(p => p.Key), (await bootstrap.RetentionPoliciesAsync(ct)).OrderBy(p => p.Key));

        // New settings: the raw policy kept a day only (shorter than its 7-day shard groups), hourly 400 days.
        await Create(new InfluxOptions { RawRetention = "24h" }, new RollupOptions { HourlyRetention = "400d" }).Retention.EnsureAsync(ct);
        var altered = await bootstrap.RetentionPoliciesAsync(ct);
        Assert.Equal(TimeSpan.FromDays(1), altered["autogen"].Duration);
        Assert.Equal(TimeSpan.FromHours(1), altered["autogen"].ShardGroup);
        Assert.Equal(TimeSpan.FromDays(400), altered["hourly"].Duration);
    }

    [Fact]
    public async Task A_named_raw_policy_is_created_with_the_raw_duration()
    {
        var ct = TestContext.Current.CancellationToken;
        var (retention, bootstrap) = Create(new InfluxOptions { RetentionPolicy = "raw", RawRetention = "2w" }, new RollupOptions { DailyPolicy = "days" });

        await retention.EnsureAsync(ct);

        var policies = await bootstrap.RetentionPoliciesAsync(ct);
        Assert.Equal(TimeSpan.FromDays(14), policies["raw"].Duration);
        Assert.Equal(TimeSpan.Zero, policies["days"].Duration);
    }

    private (RollupRetention Retention, InfluxBootstrap Bootstrap) Create(InfluxOptions influx, RollupOptions rollups)
    {
        influx.Url = _influx.Url.ToString();
        var options = Options.Create(influx);
        var bootstrap = new InfluxBootstrap(new InfluxQlClient(new HttpClient(), options), options, NullLogger<InfluxBootstrap>.Instance);
        return (new RollupRetention(bootstrap, Options.Create(rollups), NullLogger<RollupRetention>.Instance), bootstrap);
    }
}

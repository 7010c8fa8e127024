using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Tests.Incidents;

/// <summary>Raising and clearing against the real PostgreSQL: de-duplication across Servers, storm cap, grouping, clearing.</summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentIntakeTests(ServerFixture server)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public async Task Fifty_parallel_raises_of_one_condition_from_two_servers_open_one_incident_counting_fifty()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions());
        var source = Unique("cam");
        await servers.RaiseAllAsync(Enumerable.Range(0, 50).Select(i => Signal(source, "tamper", Unique("area"), At.AddSeconds(i))));

        var incidents = await Sql($"select occurrences || '|' || last_seen_at at time zone 'UTC' from incidents where source_id = '{source}'");
        Assert.Equal(["50|2026-11-26 01:02:52"], incidents);
        Assert.Equal(["1"], await Sql($"select count(*) from incident_events e join incidents i on i.id = e.incident_id where i.source_id = '{source}'"));
    }

    [Fact]
    public async Task A_hundred_new_incidents_in_one_area_and_minute_with_cap_20_leave_20_and_one_summary_counting_exactly_80()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions { StormCapPerAreaPerMinute = 20, GroupingWindowMinutes = 0 });
        var area = Unique("area");
        await servers.RaiseAllAsync(Enumerable.Range(0, 100).Select(i => Signal(Unique("det"), "congestion", area, At.AddMilliseconds(i * 100))));

        var summary = Assert.Single((await servers.Store.ListAsync(new IncidentQuery(AreaId: area, PageSize: 500), CancellationToken.None)).Items,
            i => i.IsStormSummary);
        Assert.Equal(80, summary.Occurrences);
        var children = await servers.Store.ListAsync(new IncidentQuery(ParentId: summary.Id, PageSize: 500), CancellationToken.None);
        Assert.Equal(80, children.Total);
        Assert.Equal(["101|80|21"], await Sql($"""
            select count(*) || '|' || count(*) filter (where parent_id = {summary.Id}) || '|' || count(*) filter (where parent_id is null)
            from incidents where area_id = '{area}'
            """));
    }

    [Fact]
    public async Task Two_servers_storming_two_areas_across_a_minute_boundary_with_grouping_on_keep_the_cap_exact_per_area_and_minute()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions { StormCapPerAreaPerMinute = 20, GroupingWindowMinutes = 5 });
        var areas = new[] { Unique("area"), Unique("area") };
        // 30 per area in the minute from 01:02 and 30 in the next, all raised at once, alternating between the Servers.
        var minuteStart = new DateTimeOffset(2026, 11, 26, 1, 2, 0, TimeSpan.Zero);
        var signals = from area in areas
                      from minute in new[] { 0, 1 }
                      from i in Enumerable.Range(0, 30)
                      select Signal(Unique("det"), "congestion", area, minuteStart.AddMinutes(minute).AddSeconds(i));
        await servers.RaiseAllAsync(signals.OrderBy(_ => Random.Shared.Next()));

        foreach (var area in areas)
        {
            // Per minute: 20 kept out of the storm (standalone, or grouped under the first: best effort), one summary
            // counting exactly the 10 filed under it.
            Assert.Equal(["01:02|20|1|10|10", "01:03|20|1|10|10"], await Sql($"""
                select to_char(date_trunc('minute', i.opened_at at time zone 'UTC'), 'HH24:MI')
                    || '|' || count(*) filter (where not i.is_storm_summary and (p.id is null or not p.is_storm_summary))
                    || '|' || count(*) filter (where i.is_storm_summary)
                    || '|' || coalesce(sum(i.occurrences) filter (where i.is_storm_summary), 0)
                    || '|' || count(*) filter (where p.is_storm_summary)
                from incidents i left join incidents p on p.id = i.parent_id
                where i.area_id = '{area}'
                group by date_trunc('minute', i.opened_at at time zone 'UTC') order by 1
                """));
        }
    }

    [Fact]
    public async Task Incidents_of_one_type_in_one_area_within_the_window_are_filed_under_the_first()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions { GroupingWindowMinutes = 5 });
        var area = Unique("area");
        await servers.First.RaiseAsync(Signal(Unique("det"), "congestion", area, At), CancellationToken.None);
        await servers.First.RaiseAsync(Signal(Unique("det"), "congestion", area, At.AddMinutes(2)), CancellationToken.None);
        await servers.Second.RaiseAsync(Signal(Unique("det"), "congestion", area, At.AddMinutes(4)), CancellationToken.None);
        await servers.Second.RaiseAsync(Signal(Unique("det"), "congestion", area, At.AddMinutes(9)), CancellationToken.None);
        await servers.Second.RaiseAsync(Signal(Unique("det"), "accident", area, At.AddMinutes(3)), CancellationToken.None);

        var all = (await servers.Store.ListAsync(new IncidentQuery(AreaId: area), CancellationToken.None)).Items;
        var first = all.Single(i => i.OpenedAt == At);
        Assert.Equal(2, all.Count(i => i.ParentId == first.Id));
        Assert.Equal(3, (await servers.Store.ListAsync(new IncidentQuery(AreaId: area, TopLevelOnly: true), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_clear_resolves_an_untaken_incident_and_the_next_raise_opens_a_new_one()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions());
        var source = Unique("office");
        await servers.First.RaiseAsync(Signal(source, "backlog", null, At), CancellationToken.None);
        await servers.Second.ClearAsync(new IncidentClear(source, "backlog", At.AddMinutes(1), "rule-1"), CancellationToken.None);
        await servers.First.RaiseAsync(Signal(source, "backlog", null, At.AddMinutes(2)), CancellationToken.None);

        Assert.Equal(["resolved|system|1", "open||1"], await Sql(
            $"select status || '|' || coalesce(resolved_by, '') || '|' || occurrences from incidents where source_id = '{source}' order by id"));
    }

    [Fact]
    public async Task The_trail_refuses_updates_deletes_and_truncation()
    {
        await using var servers = new TwoServers(server.Postgres.ConnectionString, new IncidentsOptions());
        var source = Unique("cam");
        await servers.First.RaiseAsync(Signal(source, "tamper", null, At), CancellationToken.None);
        var trail = $"incident_id = (select id from incidents where source_id = '{source}')";

        foreach (var sql in new[] { $"update incident_events set actor = 'mallory' where {trail}", $"delete from incident_events where {trail}", "truncate incident_events" })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => server.Postgres.RunSqlAsync(sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(["system|open"], await Sql($"select actor || '|' || action from incident_events where {trail}"));
    }

    internal static IncidentSignal Signal(string source, string type, string? area, DateTimeOffset at) =>
        new(source, type, IncidentSeverities.Major, IncidentCategories.Traffic, area, at, "rule-test", $"{type} at {source}",
            new Dictionary<string, string> { ["speedKmh"] = "4" });

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<string[]> Sql(string sql) =>
        (await server.Postgres.RunSqlAsync(sql)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

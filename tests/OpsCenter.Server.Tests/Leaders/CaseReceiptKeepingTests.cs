using Microsoft.Extensions.Logging.Abstractions;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Rollups;
using static OpsCenter.Server.Tests.Kpis.KpiTestCity;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// A case file resolved after its receipt left the raw readings' retention (30 days) still counts, late, from the
/// receipt the rollups kept in PostgreSQL: in the leaders' rollups and in the KPI rebuild after a restart. Real
/// InfluxDB and PostgreSQL; the raw receipt is deleted as the retention would.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CaseReceiptKeepingTests(ServerFixture server) : IAsyncLifetime
{
    private const string Office = "q-b-1";
    private const string CaseId = "HS-KEPT-45-DAYS";
    private static readonly DateTimeOffset Received = At(9, 20, 9, 0);
    private static readonly DateTimeOffset Due = At(10, 20, 17, 0);
    private static readonly DateTimeOffset Resolved = At(11, 4, 10, 0);
    private RollupRig _rig = null!;

    public async ValueTask InitializeAsync()
    {
        _rig = await RollupRig.StartAsync(server, At(11, 4, 12, 0));
        await _rig.WriteRawAsync(
            $"counter_event,device={Office},area=b,type=caseReceived,channel=online caseId=\"{CaseId}\",serviceId=\"land\",dueAt=\"{Utc(Due)}\",seq=1i,late=false {Ns(Received, 1)}");
        // The run that rolled up the receipt's hour kept it; then the raw retention took the raw point.
        await _rig.Runner.RecomputeAsync([HourClock.HourOf(Received)], Received.AddHours(2), TestContext.Current.CancellationToken);
        await _rig.Query.QueryAsync($"DELETE FROM counter_event WHERE time <= {Ns(Received, 1)}", TestContext.Current.CancellationToken);
        await _rig.WriteRawAsync(
            $"counter_event,device={Office},area=b,type=caseResolved caseId=\"{CaseId}\",seq=2i,late=false {Ns(Resolved, 2)}");
    }

    public async ValueTask DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task The_rollups_count_it_resolved_late_from_the_kept_receipt()
    {
        var ct = TestContext.Current.CancellationToken;
        var kept = await _rig.Archive.ReadAsync(Received.AddMinutes(-1), Received.AddMinutes(1), ct);
        Assert.Equal(CaseId, Assert.Single(kept).CounterEvent!.Value.CaseId);
        Assert.Empty(await _rig.Query.SeriesAsync($"SELECT * FROM counter_event WHERE time <= {Ns(Received, 1)}", ct));

        var hour = HourClock.HourOf(Resolved);
        await _rig.Runner.RecomputeAsync([hour], _rig.Clock.GetUtcNow(), ct);

        var point = Assert.Single(await _rig.Store.ReadAsync(_rig.Store.HourlyPolicy, RollupFields.DeviceMeasurement, hour, hour.AddHours(1), "b", ct),
            p => p.Device == Office);
        Assert.Equal(1, point.Totals.Fields.GetValueOrDefault(RollupFields.CasesResolved));
        Assert.Equal(0, point.Totals.Fields.GetValueOrDefault(RollupFields.CasesOnTime));
        Assert.Equal((Resolved - Received).TotalSeconds, point.Totals.Fields.GetValueOrDefault(RollupFields.ProcessingSecondsSum));
    }

    [Fact]
    public async Task A_restarted_Server_joins_it_from_the_kept_receipt()
    {
        var (engine, state, clock) = Engine(Resolved.AddHours(1));
        await new KpiRebuild(engine, _rig.Query, state, clock, NullLogger<KpiRebuild>.Instance, _rig.Archive).RebuildAsync(TestContext.Current.CancellationToken);

        // The one case resolved today was late: 0 %, not "nothing resolved".
        Assert.Equal(0.0, engine.City()[KpiNames.OnTimeRateToday]);
    }

    [Fact]
    public async Task Kept_receipts_are_forgotten_once_no_join_can_need_them()
    {
        var ct = TestContext.Current.CancellationToken;
        _rig.Clock.Now = Received + CaseReceiptArchive.KeepFor - TimeSpan.FromHours(1);
        await _rig.Job.RunRecentAsync(ct);
        Assert.Single(await _rig.Archive.ReadAsync(Received.AddMinutes(-1), Received.AddMinutes(1), ct));

        _rig.Clock.Now = Received + CaseReceiptArchive.KeepFor + TimeSpan.FromHours(1);
        await _rig.Job.RunRecentAsync(ct);
        Assert.Empty(await _rig.Archive.ReadAsync(Received.AddMinutes(-1), Received.AddMinutes(1), ct));
    }
}

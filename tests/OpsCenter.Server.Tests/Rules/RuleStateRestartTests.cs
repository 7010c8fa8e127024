using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpsCenter.LocalServices;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Persistence;
using OpsCenter.Server.Rules;
using OpsCenter.Server.Tests.Kpis;
using static OpsCenter.Server.Tests.Rules.RuleRig;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>Against a real PostgreSQL: a Server restarted in the middle of a duration neither starts it over nor raises twice.</summary>
public sealed class RuleStateRestartTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartNewAsync(cancellationToken: TestContext.Current.CancellationToken);
        DapperConventions.Apply();
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).StartingAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_duration_raises_at_the_original_mark_and_never_twice()
    {
        var sink = new RecordingIncidentSink();
        var first = await StartAsync(sink);
        for (var s = 0; s <= 150; s += 30)
            first.Speed(Start.AddSeconds(s));
        await first.Writer.FlushAsync(TestContext.Current.CancellationToken);
        // The first Server stops here, 2:30 into the five minutes.

        var second = await StartAsync(sink);
        for (var s = 180; s < 300; s += 30)
            second.Speed(Start.AddSeconds(s));
        await second.Writer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Empty(sink.Raised);

        second.Speed(Start.AddMinutes(5));
        await second.Writer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Start.AddMinutes(5), Assert.Single(sink.Raised).At);

        // Restarted again while raised: the condition still holds, and the engine knows it already said so.
        var third = await StartAsync(sink);
        for (var s = 330; s <= 900; s += 30)
            third.Speed(Start.AddSeconds(s));
        await third.Writer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Single(sink.Raised);

        var saved = Assert.Single(await new RuleStateStore(_dataSource).LoadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("congestion", "tfd-a-1", Start, true), (saved.RuleId, saved.SourceId, saved.ConditionSince, saved.Raised));
    }

    [Fact]
    public async Task Open_cases_survive_a_restart_and_raise_when_due()
    {
        var sink = new RecordingIncidentSink();
        var rule = new CaseAtRiskRule { Id = "case-at-risk", Name = "Case at risk", Severity = "minor", Category = "office", IncidentType = "caseAtRisk", MarginMinutes = 30 };
        var first = await StartAsync(sink, rule);
        first.Engine.OnReading(KpiTestCity.CaseReceived("HS-9", Start, Start.AddHours(2), "inPerson", device: "q-b-1"), live: true);
        await first.Writer.FlushAsync(TestContext.Current.CancellationToken);

        var second = await StartAsync(sink, rule);
        second.Clock.Now = Start.AddMinutes(90);
        second.Engine.Tick();
        await second.Writer.FlushAsync(TestContext.Current.CancellationToken);
        var raised = Assert.Single(sink.Raised);
        Assert.Equal(("HS-9", "b"), (raised.SourceId, raised.AreaId));
    }

    private async Task<Server> StartAsync(IIncidentSink sink, RuleDefinition? rule = null)
    {
        var effects = new RuleEffects();
        var clock = new ManualClock(Start);
        var engine = new RuleEngine(effects, new DeviceDirectory(KpiTestCity.Create()), clock, NullLogger<RuleEngine>.Instance);
        var states = new RuleStateStore(_dataSource);
        engine.Load([rule ?? Congestion()], await states.LoadAsync(TestContext.Current.CancellationToken));
        var services = new ServiceCollection().AddSingleton(sink).BuildServiceProvider();
        return new Server(engine, clock, new RuleEffectsWriter(effects, states, services, NullLogger<RuleEffectsWriter>.Instance));
    }

    private sealed record Server(RuleEngine Engine, ManualClock Clock, RuleEffectsWriter Writer)
    {
        public void Speed(DateTimeOffset at)
        {
            Clock.Now = at;
            Engine.OnReading(KpiTestCity.Traffic("tfd-a-1", 1, 5, 0.9, 3, 30, at), live: true);
        }
    }
}

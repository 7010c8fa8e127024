using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Rules;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>The writer without the incidents feature: what rules raise is dropped, nothing throws.</summary>
public sealed class RuleEffectsWriterTests
{
    [Fact]
    public async Task Without_an_incident_sink_raises_are_dropped_without_failing()
    {
        var effects = new RuleEffects();
        // Never opened: a batch without state changes does not touch PostgreSQL.
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=none;Database=none");
        var writer = new RuleEffectsWriter(effects, new RuleStateStore(dataSource), new ServiceCollection().BuildServiceProvider(),
            NullLogger<RuleEffectsWriter>.Instance);
        effects.Raise(new IncidentSignal("cam-a-1", "fire", "critical", "camera", "a", DateTimeOffset.UnixEpoch, "r", "fire"));
        effects.Clear(new IncidentClear("cam-a-1", "fire", DateTimeOffset.UnixEpoch, "r"));

        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Empty(effects.TakeAll());
    }
}

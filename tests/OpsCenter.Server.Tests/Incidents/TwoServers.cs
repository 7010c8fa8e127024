using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Tests.Incidents;

/// <summary>Two incident intakes, each on its own data source (its own connection pool), as two Server processes have.</summary>
internal sealed class TwoServers : IAsyncDisposable
{
    private readonly NpgsqlDataSource _first;
    private readonly NpgsqlDataSource _second;

    public TwoServers(string connectionString, IncidentsOptions options)
    {
        DapperConventions.Apply();
        // Small pools, as a Server's share of a shared PostgreSQL's connections would be; the test cluster allows few.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString;
        _first = NpgsqlDataSource.Create(pooled);
        _second = NpgsqlDataSource.Create(pooled);
        Store = new IncidentStore(_first);
        First = new IncidentIntake(_first, Store, Options.Create(options), Options.Create(new SlaOptions()));
        Second = new IncidentIntake(_second, new IncidentStore(_second), Options.Create(options), Options.Create(new SlaOptions()));
    }

    public IncidentIntake First { get; }
    public IncidentIntake Second { get; }
    public IncidentStore Store { get; }

    /// <summary>Even-numbered signals go through the first Server, odd ones through the second, all at once.</summary>
    public Task RaiseAllAsync(IEnumerable<IncidentSignal> signals) =>
        Task.WhenAll(signals.Select((signal, i) => Task.Run(() => (i % 2 == 0 ? First : Second).RaiseAsync(signal, CancellationToken.None))));

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }
}

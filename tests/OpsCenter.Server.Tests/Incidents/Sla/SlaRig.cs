using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;

namespace OpsCenter.Server.Tests.Incidents.Sla;

/// <summary>What the SLA tests share: incidents raised through the real intake, the job on a clock of the test's, SQL.</summary>
internal sealed class SlaRig(ServerFixture server)
{
    public IncidentStore Store => server.Factory.Services.GetRequiredService<IncidentStore>();

    private NpgsqlDataSource DataSource => server.Factory.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>A tamper incident of a fresh source, opened at <paramref name="at"/> under <paramref name="policy"/>.</summary>
    public async Task<long> OpenAsync(string sourcePrefix, string severity, DateTimeOffset at, SlaOptions policy)
    {
        var intake = new IncidentIntake(DataSource, Store, Options.Create(new IncidentsOptions { GroupingWindowMinutes = 0 }), Options.Create(policy));
        var source = IncidentIntakeTests.Unique(sourcePrefix);
        await intake.RaiseAsync(new IncidentSignal(source, "tamper", severity, IncidentCategories.Camera, null, at, null, "SLA test"), CancellationToken.None);
        return (await Store.LoadActiveAsync(source, "tamper", CancellationToken.None))!.Id;
    }

    public SlaEscalationJob Job(TimeProvider clock, SlaOptions policy) =>
        new(new SlaDeadlineStore(DataSource), Store, Options.Create(policy), clock, NullLogger<SlaEscalationJob>.Instance);

    public async Task<string[]> Sql(string sql) =>
        (await server.Postgres.RunSqlAsync(sql)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

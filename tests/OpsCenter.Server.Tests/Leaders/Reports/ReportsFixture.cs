using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Tests.Leaders.Reports;

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsFixture>
{
    public const string Name = "leaders-reports";
}

/// <summary>
/// The Server on a PostgreSQL of its own (its own Hangfire too, so no other host's workers take these jobs), with
/// <see cref="KnownIndicators"/> as the indicator source in place of the rollups.
/// </summary>
public sealed class ReportsFixture : ServerFixture
{
    public KnownIndicators Indicators { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<IIndicatorSource>();
        services.AddSingleton<IIndicatorSource>(Indicators);
    }
}

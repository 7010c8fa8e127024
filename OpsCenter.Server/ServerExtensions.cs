using OpsCenter.Server.Persistence;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server;

public static class ServerExtensions
{
    /// <summary>What every feature of the Server shares: the clock, PostgreSQL, InfluxDB, the web assets.</summary>
    public static IHostApplicationBuilder AddServerFoundation(this WebApplicationBuilder builder)
    {
        // Serve OpsCenter.Web's assets straight from the build output too, not only from a publish folder.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTimeSeries();
        builder.AddPersistence();
        return builder;
    }
}

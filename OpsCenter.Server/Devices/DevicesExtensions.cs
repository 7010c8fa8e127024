using Microsoft.Extensions.Options;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Devices;

public static class DevicesExtensions
{
    /// <summary>The city's static facts, device history from InfluxDB and dead letters from Ingest.</summary>
    public static IHostApplicationBuilder AddDevices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCityInventory();
        services.AddValidatedOptions<IngestLinkOptions>(IngestLinkOptions.Section);
        services.AddSingleton<CityCatalog>();
        services.AddSingleton<DeviceHistory>();
        services.AddSingleton<CallerTokens>();
        services.AddHttpClient<IngestDeadLetters>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<IngestLinkOptions>>().Value;
            http.BaseAddress = new Uri(options.Url.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder app) => app.MapDevicesApi();
}

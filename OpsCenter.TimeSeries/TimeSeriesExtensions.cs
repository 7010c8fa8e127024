using InfluxDB.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

public static class TimeSeriesExtensions
{
    /// <summary>Registers InfluxDB access: options (section <c>Influx</c>), the write client, the InfluxQL reader and a health check.</summary>
    public static IHostApplicationBuilder AddTimeSeries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InfluxOptions>()
            .BindConfiguration(InfluxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddHttpClient<InfluxQlClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<InfluxOptions>>().Value.TimeoutSeconds));
        builder.Services.AddSingleton(CreateClient);
        builder.Services.AddSingleton<PointWriter>();
        builder.Services.AddSingleton<InfluxBootstrap>();
        builder.Services.AddSingleton<InfluxWriteHealth>();
        builder.Services.AddHealthChecks().AddCheck<InfluxHealthCheck>("influxdb");
        return builder;
    }

    public static InfluxDBClient CreateClient(IServiceProvider services) =>
        CreateClient(services.GetRequiredService<IOptions<InfluxOptions>>().Value);

    public static InfluxDBClient CreateClient(InfluxOptions options)
    {
        var builder = new InfluxDBClientOptions(options.Url)
        {
            Bucket = options.EffectiveBucket,
            Org = options.Org ?? "-",
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

        if (!string.IsNullOrEmpty(options.Token))
            builder.Token = options.Token;
        else if (!string.IsNullOrEmpty(options.Username))
            builder.Token = $"{options.Username}:{options.Password}"; // the 1.8+ compatibility form

        if (options.ServerGeneration == InfluxServerGeneration.V1Legacy)
        {
#pragma warning disable CA2000 // owned by the HttpClient, which the InfluxDBClient owns
            builder.HttpClient = new HttpClient(new V1WriteShimHandler(new SocketsHttpHandler()))
            {
                Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            };
#pragma warning restore CA2000
        }

        return new InfluxDBClient(builder);
    }
}

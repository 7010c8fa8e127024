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

    /// <summary>The write credential: a 2.x/3.x token, or 1.8+'s "user:password" form; null without auth.</summary>
    public static string? Token(InfluxOptions options) =>
        !string.IsNullOrEmpty(options.Token) ? options.Token
        : !string.IsNullOrEmpty(options.Username) ? $"{options.Username}:{options.Password}" // the 1.8+ compatibility form
        : null;

    /// <summary>An HTTP client for writes; before 1.8, with the shim that turns v2 writes into 1.x ones.</summary>
    public static HttpClient CreateHttpClient(InfluxOptions options)
    {
#pragma warning disable CA2000 // owned by the HttpClient
        HttpMessageHandler handler = new SocketsHttpHandler();
        if (options.ServerGeneration == InfluxServerGeneration.V1Legacy)
            handler = new V1WriteShimHandler(handler);
#pragma warning restore CA2000
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    }

    public static InfluxDBClient CreateClient(InfluxOptions options)
    {
        var builder = new InfluxDBClientOptions(options.Url)
        {
            Bucket = options.EffectiveBucket,
            Org = options.Org ?? "-",
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

        if (Token(options) is { } token)
            builder.Token = token;

        if (options.ServerGeneration == InfluxServerGeneration.V1Legacy)
            builder.HttpClient = CreateHttpClient(options);

        return new InfluxDBClient(builder);
    }
}

using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Wall;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>Hourly and daily rollups in InfluxDB, their retention policies and recurring jobs, and the indicator source that reads them.</summary>
public static class RollupsExtensions
{
    public static IHostApplicationBuilder AddRollups(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RollupOptions>(RollupOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<RawRollup>();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<RollupRunner>();
        services.AddSingleton<RollupRetention>();
        services.AddSingleton<TouchedHourStore>();
        // Also read by the KPI rebuild (Kpis/), which runs without it where the rollups are not registered.
        services.AddSingleton<CaseReceiptArchive>();
        services.AddTransient<RollupJob>();
        services.AddSingleton<LateReadingMarks>();
        services.AddSingleton<IStoredStreamObserver>(sp => sp.GetRequiredService<LateReadingMarks>());
        services.AddHostedService(sp => sp.GetRequiredService<LateReadingMarks>());
        services.AddHostedService<RollupRetentionStartup>();
        services.AddHostedService<RollupSchedule>();
        services.AddSingleton<IIndicatorSource, RollupIndicatorSource>();
        return builder;
    }

    /// <summary>
    /// Answers 503 with a ProblemDetails to any request whose leaders' figures could not be read (the dashboard's and
    /// the reports' endpoints alike): the store being away is the reason, and the caller may try again shortly.
    /// </summary>
    public static IEndpointRouteBuilder MapRollups(this IEndpointRouteBuilder app)
    {
        // WebApplication runs its endpoints after every middleware added, so this wraps them wherever it is called.
        if (app is IApplicationBuilder pipeline)
            pipeline.Use(AnswerUnavailableAsync);
        return app;
    }

    private static async Task AnswerUnavailableAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (IndicatorsUnavailableException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await TypedResults.Problem("The leaders' figures cannot be read now: the time-series store does not answer; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RollupsExtensions))
                .LogWarning("{Path}: {Error}", context.Request.Path, ex.Message);
        }
    }
}

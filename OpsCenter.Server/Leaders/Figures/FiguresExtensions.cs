namespace OpsCenter.Server.Leaders.Figures;

/// <summary>Socio-economic figures imported from admins' CSV files and departments' systems.</summary>
public static class FiguresExtensions
{
    public static IHostApplicationBuilder AddSocioEconomicFigures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FigureStore>();
        builder.Services.AddHostedService<DemoFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSocioEconomicFigures(this IEndpointRouteBuilder app) => app.MapFiguresApi();
}

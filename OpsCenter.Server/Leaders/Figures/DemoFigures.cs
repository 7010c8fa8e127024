using Microsoft.Extensions.Options;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Leaders.Figures;

/// <summary>
/// Demo data for a fresh installation: the CSV beside the city inventory (config/demo-city/socio-economic-figures.csv,
/// every source marked "demo") is imported once, when the table is empty, so the dashboard shows figures from the first
/// start. Set <c>Figures:DemoCsvPath</c> to another file, or to "" to never seed.
/// </summary>
public sealed partial class DemoFigures(
    FigureStore store, IConfiguration configuration, IOptions<InventoryOptions> inventory, TimeProvider clock, ILogger<DemoFigures> logger)
    : IHostedService
{
    public const string FileName = "socio-economic-figures.csv";
    public const string ImportedBy = "system:demo";

    public string? CsvPath => configuration["Figures:DemoCsvPath"] switch
    {
        null => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inventory.Value.Path)) ?? ".", FileName),
        "" => null,
        var path => path,
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (CsvPath is not { } path || !File.Exists(path) || !await store.IsEmptyAsync(cancellationToken))
            return;
        var batch = FigureCsv.Read(await File.ReadAllTextAsync(path, cancellationToken));
        if (!batch.IsValid)
        {
            LogDemoRefused(path, string.Join("; ", batch.Errors.Take(5).Select(e => $"line {e.Line}: {e.Message}")));
            return;
        }
        var (import, errors) = await store.ImportAsync(batch.Figures, ImportedBy, clock.GetUtcNow(), cancellationToken);
        if (import is null)
            LogDemoRefused(path, string.Join("; ", errors.Take(5).Select(e => $"line {e.Line}: {e.Message}")));
        else
            LogDemoImported(import.Added, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} demo socio-economic figures from {Path}")]
    private partial void LogDemoImported(int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo socio-economic figures in {Path} were not imported: {Errors}")]
    private partial void LogDemoRefused(string path, string errors);
}

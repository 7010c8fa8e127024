using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest;

/// <summary>Creates the database when missing. InfluxDB being down at start-up is not fatal: the buffer takes over.</summary>
internal sealed partial class InfluxStartup(InfluxBootstrap bootstrap, ILogger<InfluxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bootstrap.EnsureDatabaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQlException or TaskCanceledException)
        {
            LogNotReady(ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB not ready at start-up ({Error}); messages will be buffered on disk until it is")]
    private partial void LogNotReady(string error);
}

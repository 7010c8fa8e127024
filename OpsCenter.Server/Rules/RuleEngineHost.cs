namespace OpsCenter.Server.Rules;

/// <summary>
/// Loads the rules and their saved states, then ticks the engine once a second and looks for rule changes made on
/// other Servers every <see cref="ReloadEvery"/> ticks (this Server's own API applies its changes at once).
/// </summary>
public sealed partial class RuleEngineHost(RuleSetLoader loader, RuleEngine engine, TimeProvider clock, ILogger<RuleEngineHost> logger)
    : BackgroundService
{
    private const int ReloadEvery = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadWithRetryAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                engine.Tick();
                if (++ticks % ReloadEvery != 0)
                    continue;
                try
                {
                    await loader.ReloadIfChangedAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReloadFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task LoadWithRetryAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await loader.LoadAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoadFailed(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 * attempt)), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules could not be loaded (attempt {Attempt}); no rule runs until they are")]
    private partial void LogLoadFailed(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule set could not be reloaded; the current rules keep running")]
    private partial void LogReloadFailed(Exception exception);
}

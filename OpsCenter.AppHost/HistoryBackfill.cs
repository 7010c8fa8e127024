using OpsCenter.LocalServices;

namespace OpsCenter.AppHost;

/// <summary>
/// On the first start of a data folder, a week of the demo city's history goes through the normal MQTT path (the
/// simulator's <c>backfill</c>: validated, stored by Ingest, rolled up like live data), so the leaders' trends and
/// yesterday's report exist within minutes of a fresh clone. It runs beside the live fleet, once: a marker file records
/// that it finished; an interrupted or failed backfill runs again on the next start (Ingest stores each message once
/// per point identity, so a repeat overwrites rather than doubles).
/// </summary>
/// <param name="days">Days of history ending now (the contract accepts at most 7).</param>
internal sealed class HistoryBackfill(
    string simulatorDll,
    string dataDirectory,
    string inventory,
    ConsoleLog log,
    int days = HistoryBackfill.DefaultDays,
    int messagesPerSecond = HistoryBackfill.DefaultMessagesPerSecond,
    int brokerPort = LocalDeployment.BrokerPort) : IAsyncDisposable
{
    public const int DefaultDays = 7;

    /// <summary>About 1.7 M messages for the demo city's week: 5 min, leaving the two cores room for the live city.</summary>
    public const int DefaultMessagesPerSecond = 6000;

    private ManagedProcess? _process;
    private Task? _watch;
    private volatile bool _stopping;

    public string MarkerFile => Path.Combine(dataDirectory, "simulator", "history-backfilled");

    public bool Done => File.Exists(MarkerFile);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Done)
            return;
        log.Info($"first start: backfilling {days} days of history in the background ({messagesPerSecond} msg/s)");
        _process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = "backfill",
            FileName = DotnetService.DotnetHost(),
            Arguments = [simulatorDll, .. Arguments()],
            WorkingDirectory = Path.GetDirectoryName(simulatorDll),
            LogFile = Path.Combine(dataDirectory, "logs", "backfill.log"),
        });
        _watch = WatchAsync(_process, cancellationToken);
    }

    public IReadOnlyList<string> Arguments() =>
        ["backfill", "--days", $"{days}", "--rate", $"{messagesPerSecond}", "--host", "127.0.0.1", "--port", $"{brokerPort}",
         "--data", dataDirectory, "--inventory", inventory, "--seed", "42"];

    private async Task WatchAsync(ManagedProcess process, CancellationToken cancellationToken)
    {
        var exitCode = await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_stopping)
            log.Info("history backfill interrupted by the stop; it runs again on the next start");
        else if (exitCode == 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(MarkerFile)!);
            await File.WriteAllTextAsync(MarkerFile, $"{DateTimeOffset.UtcNow:O}\n", CancellationToken.None);
            log.Info($"history backfill finished: {days} days published");
        }
        else
            log.Error($"history backfill exited with {exitCode} (see logs/backfill.log); it runs again on the next start");
    }

    public async ValueTask DisposeAsync()
    {
        // The simulator ends a stopped backfill with a clean exit code: that must not count as finished.
        _stopping = true;
        if (_process is { } process)
            await process.DisposeAsync();
        if (_watch is { } watch)
            await watch.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

using OpsCenter.AppHost;

// The run command: starts InfluxDB, PostgreSQL, Server (with the broker), Ingest and the demo-city simulator on
// this machine, and stops everything it started on Ctrl-C.
var log = new ConsoleLog();
var repoRoot = RepoRoot.Find();
var (options, error) = AppHostOptions.Parse(args, repoRoot);
if (options is null)
{
    log.Block(error is "" ? AppHostOptions.Usage : $"{error}\n{AppHostOptions.Usage}");
    return error is "" ? 0 : 2;
}

using var shutdown = new ShutdownSignal();
await using var deployment = new LocalDeployment(options, repoRoot, log);
try
{
    await deployment.StartAsync(shutdown.Token);
    log.Block(Banner.Text(LocalDeployment.WallUrl, options.DataDirectory, deployment.Secrets, deployment.Simulator));
    await shutdown.WaitAsync();
    log.Info("stopping everything (Ctrl-C again to force)");
    return 0;
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    log.Info("stopping what was started so far");
    return 0;
}
catch (Exception e)
{
    log.Error($"start-up failed: {e.Message}");
    return 1;
}

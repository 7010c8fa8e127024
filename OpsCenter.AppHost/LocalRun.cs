namespace OpsCenter.AppHost;

/// <summary>One run of the whole system: start it, print the banner, wait for Ctrl-C, stop everything.</summary>
internal static class LocalRun
{
    public static async Task<int> RunAsync(AppHostOptions options, string repoRoot, ConsoleLog log)
    {
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
    }
}

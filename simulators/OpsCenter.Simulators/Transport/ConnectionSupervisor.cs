namespace OpsCenter.Simulators.Transport;

/// <summary>A timer loop that keeps every device link alive: ping, and reconnect with back-off when lost.</summary>
internal static class ConnectionSupervisor
{
    public static async Task RunAsync(IReadOnlyCollection<IDeviceLink> links, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await Task.WhenAll(links.Select(l => l.MaintainAsync(cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal end of the run.
        }
    }
}

using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Fleet;

/// <summary>
/// Plays a <see cref="FleetModel"/> through device links: every device connects with its Last Will and
/// retained online status, reports on the simulated clock, reboots now and then, and says goodbye at the end.
/// </summary>
internal sealed class FleetRunner(FleetModel model, IDeviceLinkFactory linkFactory, ISimulationClock clock, RunStats stats)
{
    // Connecting thousands of devices at once would look like a connection storm to the broker.
    private const int ConnectConcurrency = 32;

    private readonly Dictionary<string, IDeviceLink> _links = [];

    public IReadOnlyDictionary<string, IDeviceLink> Links => _links;
    private long _reboots;

    public long Reboots => Interlocked.Read(ref _reboots);

    public async Task RunAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await ConnectAllAsync(cancellationToken);
        using var supervision = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var supervisor = ConnectionSupervisor.RunAsync(_links.Values, supervision.Token);
        try
        {
            await PlayAsync(until, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: fall through to a clean goodbye.
        }
        await supervision.CancelAsync();
        await supervisor;
        await CloseAllAsync();
    }

    private async Task ConnectAllAsync(CancellationToken cancellationToken)
    {
        foreach (var device in model.Devices)
            _links[device.Id] = linkFactory.Create(device.Record, () => device.ComposeConnect(clock.Now), stats);
        await Parallel.ForEachAsync(model.Devices, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            async (device, ct) =>
            {
                var session = device.ComposeConnect(clock.Now);
                stats.CountSent();
                stats.CountResult(await _links[device.Id].ConnectAsync(session, ct));
            });
    }

    private async Task PlayAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var end = until ?? DateTimeOffset.MaxValue;
        for (var step = 0L; step < long.MaxValue; step++)
        {
            var next = model.NextDueAt < end ? model.NextDueAt : end;
            await clock.WaitUntilAsync(next, cancellationToken);
            // Devices publish in parallel; each device's own messages go out one after another, in sequence.
            var outputs = model.AdvanceTo(clock.Now < end ? clock.Now : end).ToList();
            await Task.WhenAll(outputs.GroupBy(o => o.DeviceId).Select(g => HandleInOrderAsync(g, cancellationToken)));
            if (clock.Now >= end)
                return;
        }
    }

    private async Task HandleInOrderAsync(IEnumerable<DeviceOutput> outputs, CancellationToken cancellationToken)
    {
        foreach (var output in outputs)
            await HandleAsync(output, cancellationToken);
    }

    private async Task HandleAsync(DeviceOutput output, CancellationToken cancellationToken)
    {
        var link = _links[output.DeviceId];
        if (output.Reboot is { } session)
        {
            Interlocked.Increment(ref _reboots);
            await link.DropAsync();
            stats.CountSent();
            stats.CountResult(await link.ConnectAsync(session, cancellationToken));
            return;
        }
        await stats.TrackAsync(link.PublishAsync(output.Message!, cancellationToken));
    }

    private async Task CloseAllAsync()
    {
        var now = clock.Now;
        await Parallel.ForEachAsync(model.Devices, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency },
            async (device, _) =>
            {
                await _links[device.Id].CloseAsync(device.ComposeOffline(now), CancellationToken.None);
                await _links[device.Id].DisposeAsync();
            });
    }
}

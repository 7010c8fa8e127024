using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>
/// The handful of simulated devices a scenario drives, each with its own link: connect with a Last Will,
/// report on the scenario's clock, and drop or leave at the end.
/// </summary>
internal sealed class ScenarioDevices(ScenarioContext context, IReadOnlyList<SimulatedDevice> devices) : IAsyncDisposable
{
    private readonly Dictionary<string, IDeviceLink> _links = devices.ToDictionary(
        d => d.Id, d => context.Links.Create(d.Record, () => d.ComposeConnect(context.Clock.Now), context.Stats));

    // Keeps the links alive as the fleet does, so a broker restart mid-scenario ends in resent messages, not lost ones.
    private readonly CancellationTokenSource _stopSupervision = new();
    private Task? _supervision;

    public IReadOnlyList<SimulatedDevice> Devices => devices;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        foreach (var device in devices)
            await ConnectAsync(device, cancellationToken);
        _supervision ??= ConnectionSupervisor.RunAsync(_links.Values, _stopSupervision.Token);
    }

    public async Task ConnectAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        context.Stats.CountSent();
        context.Stats.CountResult(await _links[device.Id].ConnectAsync(device.ComposeConnect(context.Clock.Now), cancellationToken));
    }

    /// <summary>The device reports for the period ending at <paramref name="at"/>.</summary>
    public async Task ReportAsync(SimulatedDevice device, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var message in device.Tick(at))
            await context.Stats.TrackAsync(_links[device.Id].PublishAsync(message, cancellationToken));
    }

    /// <summary>Runs the devices on their own intervals for a stretch of simulated time.</summary>
    public async Task RunForAsync(TimeSpan span, CancellationToken cancellationToken, Action<DateTimeOffset>? beforeEachTick = null)
    {
        var end = context.Clock.Now + span;
        var step = devices.Min(d => d.Interval);
        for (var at = context.Clock.Now + step; at <= end; at += step)
        {
            await context.Clock.WaitUntilAsync(at, cancellationToken);
            beforeEachTick?.Invoke(at);
            foreach (var device in devices.Where(d => at - d.LastTickAt >= d.Interval))
                await ReportAsync(device, at, cancellationToken);
        }
    }

    public Task DropAsync(SimulatedDevice device) => _links[device.Id].DropAsync();

    /// <summary>Leaves without a goodbye: if no fleet runs, liveness timeouts take the devices offline.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopSupervision.CancelAsync();
        if (_supervision is not null)
            await _supervision;
        _stopSupervision.Dispose();
        foreach (var link in _links.Values)
        {
            await link.CloseAsync(goodbye: null, CancellationToken.None);
            await link.DisposeAsync();
        }
    }
}

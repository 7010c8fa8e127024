using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>A few devices on a bad link: online, a report, an abrupt drop (Last Will), again and again.</summary>
internal sealed class FlappingScenario : IScenario
{
    private const int Cycles = 6;
    private static readonly TimeSpan Up = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(25);

    public string Name => "flapping";
    public string Summary => "A few devices toggle online/offline every ~45 s (abrupt drops fire their Last Will).";
    public TimeSpan Length => (Up + Down) * Cycles;

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "Each device marked 'flapping' (unstable) after a few toggles, instead of a new offline alarm every cycle.",
        "No duplicate state changes from retained status redelivery; one incident per flapping device at most.",
        "After the run the devices are left offline (their last Last Will).",
    ];

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var random = DeterministicSeed.RandomFor(context.Settings.Seed, Name);
        var count = Math.Clamp(context.Options.Count ?? 4, 1, 100);
        var devices = context.Inventory.Devices.Where(d => d.Kind is "camera" or "traffic")
            .OrderBy(_ => random.Next()).Take(count)
            .Select(r => DeviceFactory.Create(r, context.Settings)).ToList();

        await using var links = new ScenarioDevices(context, devices);
        await context.Out.WriteLineAsync($"Flapping: {string.Join(", ", devices.Select(d => d.Id))}, {Cycles} cycles");
        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            foreach (var device in devices)
            {
                await links.ConnectAsync(device, cancellationToken);
                await links.ReportAsync(device, context.Clock.Now, cancellationToken);
            }
            await context.Clock.WaitUntilAsync(context.Clock.Now + Up, cancellationToken);
            foreach (var device in devices)
                await links.DropAsync(device);
            await context.Out.WriteLineAsync($"{context.Settings.CityTime.ToLocal(context.Clock.Now):HH:mm:ss} cycle {cycle}: dropped");
            await context.Clock.WaitUntilAsync(context.Clock.Now + Down, cancellationToken);
        }
    }
}

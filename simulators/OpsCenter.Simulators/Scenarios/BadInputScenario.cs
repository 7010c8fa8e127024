using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>A storm of malformed messages of every kind, interleaved with valid ones from real devices.</summary>
internal sealed class BadInputScenario : IScenario
{
    public string Name => "bad-input";
    public string Summary => "A storm of malformed messages (bad topics, broken JSON, wrong types, bad timestamps, unknown enums...) mixed with valid ones.";
    public TimeSpan Length => TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "Every malformed message counted under its rejection reason and device, and listed (topic, reason, first bytes) on the rejects page.",
        "All valid messages in the storm stored and shown as usual: no slowdown, no gap in the live KPIs.",
        "No KPI, incident or device state changed by any rejected message.",
    ];

    /// <summary>What the last run sent, by kind ("valid" for good messages); tests and the summary read it.</summary>
    public SortedDictionary<string, int> Sent { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        Sent.Clear();
        var total = Math.Clamp(context.Options.Count ?? 460, 2, 1_000_000);
        var devices = DeviceFactory.CreateAll(context.Inventory, context.Settings);
        var camera = devices.First(d => d.Kind == Contracts.Devices.DeviceKind.Camera).Id;
        var traffic = devices.First(d => d.Kind == Contracts.Devices.DeviceKind.Traffic).Id;
        var counter = devices.First(d => d.Kind == Contracts.Devices.DeviceKind.Counter).Id;
        var kinds = Enum.GetValues<MalformedKind>();
        var step = Length / total;

        await context.Sink.ConnectAsync(cancellationToken);
        // A fixed schedule from the start, so per-message overheads do not stretch the storm.
        var start = context.Clock.Now;
        for (var i = 0; i < total; i++)
        {
            var now = context.Clock.Now;
            if (i % 2 == 0)
            {
                var device = devices[i / 2 % devices.Count];
                foreach (var message in device.Tick(now))
                    await SendAsync(context, "valid", message, cancellationToken);
            }
            else
            {
                var kind = kinds[i / 2 % kinds.Length];
                await SendAsync(context, kind.ToString(), MalformedMessages.Build(kind, camera, traffic, counter, now), cancellationToken);
            }
            await context.Clock.WaitUntilAsync(start + step * (i + 1), cancellationToken);
        }

        await context.Out.WriteLineAsync("Sent by kind:");
        foreach (var (kind, count) in Sent)
            await context.Out.WriteLineAsync($"  {kind,-30} {count,6}");
        await context.Out.WriteLineAsync($"  {"malformed (total)",-30} {Sent.Where(k => k.Key != "valid").Sum(k => k.Value),6}");
    }

    private async Task SendAsync(ScenarioContext context, string kind, OutboundMessage message, CancellationToken cancellationToken)
    {
        Sent[kind] = Sent.GetValueOrDefault(kind) + 1;
        await context.Stats.TrackAsync(context.Sink.PublishAsync(message, cancellationToken));
    }
}

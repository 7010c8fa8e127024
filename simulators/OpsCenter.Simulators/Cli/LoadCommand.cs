using System.CommandLine;
using OpsCenter.Contracts.Devices;
using OpsCenter.Simulators.Load;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

internal static class LoadCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate") { Description = "Messages per second to hold", DefaultValueFactory = _ => 1000 };
        var duration = SimulationOptions.DurationOption("--duration", "How long to publish", TimeSpan.FromSeconds(10));
        var size = new Option<int>("--size") { Description = "Payload bytes (valid telemetry padded with an ignored top-level field)", DefaultValueFactory = _ => 256 };
        var devices = new Option<int>("--devices") { Description = "Distinct device ids (from the inventory, then load-NNNNN)", DefaultValueFactory = _ => 100 };
        var connections = new Option<int>("--connections") { Description = "MQTT connections to spread the load over", DefaultValueFactory = _ => 4 };
        var command = new Command("load", "Publish valid telemetry at a fixed rate; report sent / acknowledged / failed and the achieved rate.");
        var broker = new BrokerOptions().AddTo(command);
        var simulation = new SimulationOptions().AddTo(command);
        foreach (var option in new Option[] { rate, duration, size, devices, connections })
            command.Options.Add(option);

        command.SetAction(async (result, cancellationToken) =>
        {
            var ids = DeviceIds(simulation.Inventory(result).Devices.Select(d => (d.Id, d.Kind)), Math.Max(1, result.GetValue(devices)));
            var options = new LoadOptions(Math.Max(1, result.GetValue(rate)), result.GetValue(duration) ?? TimeSpan.FromSeconds(10), Math.Max(0, result.GetValue(size)));
            var settings = broker.Read(result);
            await using var sink = new MqttMessageSink(settings, BrokerSettings.SimulatorAccount + "-load", Math.Max(1, result.GetValue(connections)));
            await sink.ConnectAsync(cancellationToken);
            var stats = new RunStats();
            var generator = new LoadGenerator(sink, new LoadPayloads(ids, options.PayloadBytes), options, stats);

            Console.WriteLine($"Load: {options.Rate:N0} msg/s for {options.Duration}, {options.PayloadBytes} B, QoS {(int)settings.Qos}, {ids.Count} devices, {result.GetValue(connections)} connections → {settings.Host}:{settings.Port}");
            LoadResult outcome;
            await using (new ProgressDisplay(stats, every: TimeSpan.FromSeconds(1)))
                outcome = await generator.RunAsync(cancellationToken);
            Console.WriteLine(Summary(outcome, options.Rate));
            return outcome.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static string Summary(LoadResult r, double target) =>
        $"Summary: sent {r.Sent:N0}, acknowledged {r.Acknowledged:N0}, failed {r.Failed:N0}; achieved {r.AchievedRate:N0} msg/s " +
        $"({(r.AchievedRate / target - 1) * 100:+0.0;-0.0} % vs target {target:N0}) over {r.SendTime.TotalSeconds:0.00} s; all acknowledged after {r.TotalTime.TotalSeconds:0.00} s";

    public static List<(string Id, DeviceKind Kind)> DeviceIds(IEnumerable<(string Id, string Kind)> inventory, int count)
    {
        var known = inventory.Take(count)
            .Select(d => (d.Id, DeviceKindNames.TryParse(d.Kind, out var kind) ? kind : DeviceKind.Camera))
            .ToList();
        for (var i = known.Count; i < count; i++)
            known.Add(($"load-{i:D5}", DeviceKind.Camera));
        return known;
    }
}

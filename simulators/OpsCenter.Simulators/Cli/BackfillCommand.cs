using System.CommandLine;
using OpsCenter.Simulators.Backfill;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

internal static class BackfillCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days of history ending now (at most 7: the contract rejects older data)", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Publish at most this many messages per second", DefaultValueFactory = _ => 5000 };
        var connections = new Option<int>("--connections") { Description = "MQTT connections to spread the history over", DefaultValueFactory = _ => 4 };
        var command = new Command("backfill", "Publish N days of realistic history at their own timestamps through the normal MQTT topics.");
        var broker = new BrokerOptions().AddTo(command);
        var simulation = new SimulationOptions().AddTo(command);
        foreach (var option in new Option[] { days, rate, connections })
            command.Options.Add(option);

        command.SetAction(async (result, cancellationToken) =>
        {
            var requested = Math.Max(1, result.GetValue(days));
            if (requested > BackfillRunner.MaxDays)
                await Console.Error.WriteLineAsync($"--days {requested} capped at {BackfillRunner.MaxDays}: the contract rejects data older than 7 days.");
            var inventory = simulation.Inventory(result);
            // Reboots would only reset sequence numbers here, and history has no live connections to drop.
            var settings = simulation.Settings(result, inventory, reboots: false);
            var now = DateTimeOffset.UtcNow;
            var start = BackfillRunner.StartFor(Math.Min(requested, BackfillRunner.MaxDays), now);
            var model = new FleetModel(DeviceFactory.CreateAll(inventory, settings), settings, start);

            await using var sink = new MqttMessageSink(broker.Read(result), BrokerSettings.SimulatorAccount + "-backfill", Math.Max(1, result.GetValue(connections)));
            await sink.ConnectAsync(cancellationToken);
            var stats = new RunStats();
            var runner = new BackfillRunner(model, sink, stats, Math.Max(1, result.GetValue(rate)));
            Console.WriteLine($"Backfill: {model.Devices.Count} devices from {settings.CityTime.ToLocal(start):yyyy-MM-dd HH:mm} to now, seed {settings.Seed}");
            await using (new ProgressDisplay(stats, () => $"history at {settings.CityTime.ToLocal(runner.SimulatedNow):yyyy-MM-dd HH:mm}"))
            {
                try
                {
                    await runner.RunAsync(now, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Console.WriteLine($"Interrupted at history {settings.CityTime.ToLocal(runner.SimulatedNow):yyyy-MM-dd HH:mm}.");
                }
            }
            Console.WriteLine($"Summary: {stats.Line()} | {(now - start).TotalDays:0.##} days of history");
            return stats.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}

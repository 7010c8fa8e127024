using System.CommandLine;
using System.Globalization;
using OpsCenter.Simulators.Fleet;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Snapshots;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

internal static class FleetCommand
{
    public static Command Create()
    {
        var speed = new Option<double>("--speed") { Description = "Time acceleration for demos; an accelerated run replays the recent past until it reaches now", DefaultValueFactory = _ => 1 };
        var duration = SimulationOptions.DurationOption("--duration", "Stop after this much wall time (default: until Ctrl+C)");
        var skew = new Option<double>("--clock-skew") { Description = "Give each device a fixed clock error of up to ± this many seconds", DefaultValueFactory = _ => 0 };
        var start = new Option<string?>("--start") { Description = "Simulated start, city local time unless an offset is given (e.g. 2026-11-26T06:30); must not be in the future" };
        var noReboots = new Option<bool>("--no-reboots") { Description = "Never simulate device reboots" };
        var snapshotsPort = new Option<int>("--snapshots-port")
        {
            Description = "Serve synthetic camera snapshots on 127.0.0.1:PORT and point camera events' snapshotUrl there (0, default: off)",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("fleet", "The demo city live: one MQTT client per device, retained status + Last Will, daily patterns in Asia/Ho_Chi_Minh time.");
        var broker = new BrokerOptions().AddTo(command);
        var simulation = new SimulationOptions().AddTo(command);
        foreach (var option in new Option[] { speed, duration, skew, start, noReboots, snapshotsPort })
            command.Options.Add(option);

        command.SetAction(async (result, cancellationToken) =>
        {
            var inventory = simulation.Inventory(result);
            await using var snapshots = result.GetValue(snapshotsPort) is > 0 and var port ? new SnapshotServer(port) : null;
            var settings = simulation.Settings(result, inventory, result.GetValue(skew), !result.GetValue(noReboots)) with
            {
                SnapshotBaseUrl = snapshots?.BaseUrl,
            };
            var acceleration = Math.Max(0.01, result.GetValue(speed));
            var wallDuration = result.GetValue(duration);
            var simulatedStart = StartTime(result.GetValue(start), settings.CityTime, acceleration, wallDuration);
            if (settings.ClockSkewSeconds > 290)
                await Console.Error.WriteLineAsync("Warning: skews above 5 minutes produce future timestamps the ingest rejects.");

            var clock = new AcceleratedClock(simulatedStart, acceleration);
            var model = new FleetModel(DeviceFactory.CreateAll(inventory, settings), settings, simulatedStart);
            var stats = new RunStats();
            var runner = new FleetRunner(model, new MqttDeviceLinkFactory(broker.Read(result)), clock, stats);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (wallDuration is { } limit)
                stop.CancelAfter(limit);

            Console.WriteLine($"Fleet: {model.Devices.Count} devices of {inventory.City}, seed {settings.Seed}, speed ×{acceleration}, simulated start {settings.CityTime.ToLocal(simulatedStart):yyyy-MM-dd HH:mm:ss zzz}. Ctrl+C to stop.");
            await using (new ProgressDisplay(stats, () => $"sim {settings.CityTime.ToLocal(clock.Now):ddd HH:mm:ss} reboots {runner.Reboots} connected {runner.Links.Values.Count(l => l.IsConnected)}/{model.Devices.Count}"))
                await runner.RunAsync(until: null, stop.Token);

            Console.WriteLine($"Summary: {stats.Line()} | {runner.Reboots} simulated reboots | simulated until {settings.CityTime.ToLocal(clock.Now):yyyy-MM-dd HH:mm:ss}");
            return stats.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static DateTimeOffset StartTime(string? text, CityTime cityTime, double speed, TimeSpan? duration)
    {
        var now = DateTimeOffset.UtcNow;
        if (text is null)
        {
            // Replay just enough of the past that the run reaches the present as it ends.
            var replay = (duration ?? TimeSpan.FromMinutes(10)) * Math.Max(0, speed - 1);
            return now - (replay > TimeSpan.FromDays(6) ? TimeSpan.FromDays(6) : replay);
        }
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(text)
            ? withOffset
            : new DateTimeOffset(DateTime.Parse(text, CultureInfo.InvariantCulture), cityTime.ToLocal(now).Offset);
        if (parsed > now + TimeSpan.FromMinutes(1))
            throw new ArgumentException("--start must not be in the future: the contract rejects timestamps more than 5 minutes ahead.");
        if (parsed < now - TimeSpan.FromDays(7))
            throw new ArgumentException("--start must be within the last 7 days: older data is rejected by the contract.");
        return parsed;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':';
}

using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;

namespace OpsCenter.Bench;

/// <summary>
/// The benchmark's command line: <c>[ingest|latency|backlog|simulator|memory|live|rules|report|rollups|dashboard|all] [--messages N] [--brokers embedded,mosquitto]
/// [--clients 250,500,1000,1500] [--rate 5000] [--trials 60] [--cold-trials 5]</c>.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] KnownBrokers = ["embedded", "mosquitto"];

    /// <param name="run">What to do with valid options; not called for <c>--help</c> or a usage error.</param>
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var mode = new Argument<string>("mode")
        {
            Description = "What to measure: ingest (throughput and latency per broker), backlog (how fast a consumer catches up on a backlog of --messages/9, ×3 and ×9), simulator (opscenter-sim's load ceiling), memory (Ingest's RSS with 50,000 devices), live (live views: publish → screen and SignalR fan-out under load), rules (rule engine cost per reading; an alert storm against the storm cap; the engine through the real incident intake into PostgreSQL in real time), report (generating the leaders' daily report), rollups (one day of 10,000 devices reporting once a minute rolled up on InfluxDB), dashboard (the leaders' dashboard's API and first paint with a year of rollups) or all (everything but live, rules, report, rollups and dashboard)",
            DefaultValueFactory = _ => "all",
        };
        mode.AcceptOnlyFromAmong("ingest", "latency", "backlog", "simulator", "memory", "live", "rules", "report", "rollups", "dashboard", "all");
        var messages = new Option<int>("--messages")
        {
            Description = "Messages per throughput run; rules: readings fed to the rule engine",
            HelpName = "N",
            DefaultValueFactory = _ => 200_000,
            CustomParser = PositiveCount,
        };
        // One comma-separated value rather than a list option: the form docs/benchmarks.md and past runs use.
        var brokers = new Option<string>("--brokers")
        {
            Description = "Brokers to measure, comma-separated: embedded (MQTTnet with the Server's settings), mosquitto (Debian's)",
            HelpName = "LIST",
            DefaultValueFactory = _ => string.Join(',', KnownBrokers),
        };
        brokers.Validators.Add(ValidateBrokers);
        var clients = new Option<string>("--clients")
        {
            Description = "live: fan-out steps, SignalR clients on the city view, comma-separated",
            HelpName = "N[,N…]",
            DefaultValueFactory = _ => "250,500,1000,1500",
        };
        clients.Validators.Add(ValidateClients);
        var rate = new Option<int>("--rate")
        {
            Description = "live: background load through the broker (opscenter-sim load), messages per second",
            HelpName = "N",
            DefaultValueFactory = _ => 5_000,
            CustomParser = PositiveCount,
        };
        var trials = new Option<int>("--trials")
        {
            Description = "live: status flips of the probe device per measurement, 300 ms apart; report: reports generated and timed; dashboard: warm requests of each kind (page loads: at most 20)",
            HelpName = "N",
            DefaultValueFactory = _ => 60,
            CustomParser = PositiveCount,
        };
        // Its own count: each cold trial restarts the Server, so it costs seconds where a warm one costs milliseconds.
        var coldTrials = new Option<int>("--cold-trials")
        {
            Description = "dashboard: cold trials, each the first requests (and a page load in a new browser context) after a Server restart",
            HelpName = "N",
            DefaultValueFactory = _ => 5,
            CustomParser = PositiveCount,
        };

        var command = new RootCommand(
            "OpsCenter benchmarks: throughput, latency and memory against real servers the harness starts itself (see docs/benchmarks.md).")
        {
            mode, messages, brokers, clients, rate, trials, coldTrials,
        };
        command.SetAction((result, cancellationToken) =>
            run(new BenchOptions(result.GetValue(mode)!, result.GetValue(messages), BrokerNames(result.GetValue(brokers)!),
                ClientCounts(result.GetValue(clients)!), result.GetValue(rate), result.GetValue(trials), result.GetValue(coldTrials)), cancellationToken));
        return command;
    }

    private static int PositiveCount(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }
        result.AddError($"{((OptionResult)result.Parent!).Option.Name} takes a whole number of at least 1, not '{text}'");
        return 0;
    }

    private static int[] ClientCounts(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture))];

    private static void ValidateClients(OptionResult result)
    {
        var items = (result.GetValueOrDefault<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var bad in items.Where(n => !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1))
            result.AddError($"--clients takes whole numbers of at least 1, comma-separated, not '{bad}'");
        if (items.Length == 0)
            result.AddError("--clients names no step; e.g. --clients 250,500,1000");
    }

    private static string[] BrokerNames(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void ValidateBrokers(OptionResult result)
    {
        var names = BrokerNames(result.GetValueOrDefault<string>() ?? "");
        foreach (var unknown in names.Except(KnownBrokers))
        {
            result.AddError($"unknown broker '{unknown}' in --brokers; use embedded, mosquitto or embedded,mosquitto");
        }
        if (names.Length == 0)
        {
            result.AddError("--brokers names no broker; use embedded, mosquitto or embedded,mosquitto");
        }
    }
}

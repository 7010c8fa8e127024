using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;

namespace OpsCenter.Bench;

/// <summary>The benchmark's command line: <c>[ingest|simulator|memory|all] [--messages N] [--brokers embedded,mosquitto]</c>.</summary>
internal static class BenchCommand
{
    private static readonly string[] KnownBrokers = ["embedded", "mosquitto"];

    /// <param name="run">What to do with valid options; not called for <c>--help</c> or a usage error.</param>
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var mode = new Argument<string>("mode")
        {
            Description = "What to measure: ingest (throughput and latency per broker), simulator (opscenter-sim's load ceiling), memory (Ingest's RSS with 50,000 devices) or all",
            DefaultValueFactory = _ => "all",
        };
        mode.AcceptOnlyFromAmong("ingest", "simulator", "memory", "all");
        var messages = new Option<int>("--messages")
        {
            Description = "Messages per throughput run",
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

        var command = new RootCommand(
            "OpsCenter benchmarks: throughput, latency and memory against real servers the harness starts itself (see docs/benchmarks.md).")
        {
            mode, messages, brokers,
        };
        command.SetAction((result, cancellationToken) =>
            run(new BenchOptions(result.GetValue(mode)!, result.GetValue(messages), BrokerNames(result.GetValue(brokers)!)), cancellationToken));
        return command;
    }

    private static int PositiveCount(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }
        result.AddError($"--messages takes a whole number of at least 1, not '{text}'");
        return 0;
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

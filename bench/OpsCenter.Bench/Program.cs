using System.CommandLine;
using OpsCenter.Bench;

// Usage: dotnet run -c Release --project bench/OpsCenter.Bench -- [ingest|simulator|memory|live|rules|report|rollups|dashboard|all] [--messages N] [--brokers embedded,mosquitto] [--clients 250,500,1000] [--rate 5000] [--trials 60] [--cold-trials 5]
var command = BenchCommand.Create((options, _) => BenchmarkRun.RunAsync(options));
// No cancellation handling: Ctrl-C ends the run at once, as the child servers (which die with us) expect.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

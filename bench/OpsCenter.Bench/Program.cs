using System.CommandLine;
using OpsCenter.Bench;

// Usage: dotnet run -c Release --project bench/OpsCenter.Bench -- [ingest|simulator|memory|all] [--messages N] [--brokers embedded,mosquitto]
var command = BenchCommand.Create((options, _) => BenchmarkRun.RunAsync(options));
// No cancellation handling: Ctrl-C ends the run at once, as the child servers (which die with us) expect.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

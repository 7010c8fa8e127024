using System.CommandLine;
using OpsCenter.AppHost;

// The run command: starts InfluxDB, PostgreSQL, the MQTT broker, the Server, Ingest and the demo-city simulator on
// this machine, and stops everything it started on Ctrl-C.
var repoRoot = RepoRoot.Find();
var command = RunCommand.Create(repoRoot, (options, _) => LocalRun.RunAsync(options, repoRoot, new ConsoleLog()));
// Ctrl-C is ShutdownSignal's: the parser's own handling would end the process 2 s after the signal, before the
// children are stopped.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

using OpsCenter.Simulators.Cli;

return await SimulatorCli.Create().Parse(args).InvokeAsync();

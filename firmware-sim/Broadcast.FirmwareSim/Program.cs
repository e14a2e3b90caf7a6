using Broadcast.FirmwareSim.Cli;

return await SimulatorCommand.Create(SimulatorRunner.RunAsync).Parse(args).InvokeAsync().ConfigureAwait(false);

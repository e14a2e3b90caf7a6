using System.CommandLine;
using Broadcast.FirmwareSim.Cli;

// Ctrl-C / SIGTERM cancel the run, then the simulator stops every cluster and writes its report and recordings: with
// thousands of clusters that takes seconds, more than System.CommandLine's default 2 s before it ends the process.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await SimulatorCommand.Create(SimulatorRunner.RunAsync).Parse(args).InvokeAsync(invocation).ConfigureAwait(false);

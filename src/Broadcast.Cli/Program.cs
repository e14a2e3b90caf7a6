using Broadcast.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);

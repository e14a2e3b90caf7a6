using System.CommandLine;
using Broadcast.Cli.Commands;

namespace Broadcast.Cli;

/// <summary>Composes the bcast command tree; each verb lives in its own file under Commands/.</summary>
internal static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Broadcast: IP loudspeaker broadcast controller for district and commune radio.");
        root.Subcommands.Add(EncodeCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(EndpointCommand.Create());
        root.Subcommands.Add(BroadcastCommands.Play());
        root.Subcommands.Add(BroadcastCommands.Stop());
        root.Subcommands.Add(BroadcastCommands.Status());
        root.Subcommands.Add(BroadcastCommands.Pause());
        root.Subcommands.Add(BroadcastCommands.Resume());
        root.Subcommands.Add(BroadcastCommands.Volume());
        root.Subcommands.Add(LiveCommand.Create());
        root.Subcommands.Add(UploadCommand.Create());
        root.Subcommands.Add(ProgrammesCommand.Create());
        root.Subcommands.Add(BulletinCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(QueueCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(LoginCommands.Login());
        root.Subcommands.Add(LoginCommands.Logout());
        root.Subcommands.Add(LoginCommands.WhoAmI());
        root.Subcommands.Add(LoginCommands.Password());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}

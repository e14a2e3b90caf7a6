using System.CommandLine;

namespace Broadcast.Cli.Commands;

internal static class QueueCommand
{
    public static Command Create() => new("queue", "(not yet available)") { Hidden = true };
}

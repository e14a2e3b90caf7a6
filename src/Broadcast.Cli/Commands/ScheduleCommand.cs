using System.CommandLine;

namespace Broadcast.Cli.Commands;

internal static class ScheduleCommand
{
    public static Command Create() => new("schedule", "(not yet available)") { Hidden = true };
}

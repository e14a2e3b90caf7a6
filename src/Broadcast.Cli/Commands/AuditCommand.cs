using System.CommandLine;

namespace Broadcast.Cli.Commands;

internal static class AuditCommand
{
    public static Command Create() => new("audit", "(not yet available)") { Hidden = true };
}

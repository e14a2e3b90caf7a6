using System.CommandLine;

namespace Broadcast.Cli.Commands;

internal static class UploadCommand
{
    public static Command Create() => new("upload", "(not yet available)") { Hidden = true };
}

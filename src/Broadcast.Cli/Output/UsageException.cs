namespace Broadcast.Cli.Output;

/// <summary>A command-line value that parsed but makes no sense (for example a bitrate of "fast").</summary>
internal sealed class UsageException(string message) : Exception(message);

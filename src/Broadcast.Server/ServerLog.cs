namespace Broadcast.Server;

internal static partial class ServerLog
{
    [LoggerMessage(32, LogLevel.Warning, "The control API has NO authentication yet; it must listen on loopback only ({Urls})", EventName = "NoAuthentication")]
    public static partial void NoAuthentication(ILogger logger, string urls);
}

using Microsoft.Extensions.Logging;

namespace Broadcast.Protocol.Lab;

internal static partial class LabModeLog
{
    [LoggerMessage(EventId = 3001, EventName = "LabModeOn", Level = LogLevel.Warning,
        Message = "LAB MODE IS ON: plain unauthenticated RTP is being sent; anyone on the network can inject audio. Turn it off before production.")]
    public static partial void LabModeOn(ILogger logger);
}

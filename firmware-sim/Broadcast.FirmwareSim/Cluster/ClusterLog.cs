using Microsoft.Extensions.Logging;

namespace Broadcast.FirmwareSim.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 5001, EventName = "HandshakeDone", Level = LogLevel.Debug, Message = "{Id}: session established")]
    public static partial void HandshakeDone(ILogger logger, string id);

    [LoggerMessage(EventId = 5002, EventName = "SessionRefused", Level = LogLevel.Warning, Message = "{Id}: Session refused ({Status})")]
    public static partial void SessionRefused(ILogger logger, string id, Broadcast.Protocol.Handshake.HandshakeStatus status);

    [LoggerMessage(EventId = 5003, EventName = "ConnectFailed", Level = LogLevel.Warning, Message = "{Id}: cannot connect to the broker at {Url} from {Address}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string id, Uri url, string address, string reason);

    [LoggerMessage(EventId = 5004, EventName = "Bye", Level = LogLevel.Information, Message = "{Id}: controller said Bye ({Reason})")]
    public static partial void Bye(ILogger logger, string id, Broadcast.Protocol.Control.ErrorCode reason);

    [LoggerMessage(EventId = 5005, EventName = "BindFailed", Level = LogLevel.Error, Message = "{Id}: cannot bind UDP to {Address}: {Reason}")]
    public static partial void BindFailed(ILogger logger, string id, string address, string reason);

    [LoggerMessage(EventId = 5006, EventName = "ControlRejected", Level = LogLevel.Debug, Message = "{Id}: control envelope dropped ({Status})")]
    public static partial void ControlRejected(ILogger logger, string id, Broadcast.Protocol.Control.ControlOpenStatus status);

    [LoggerMessage(EventId = 5007, EventName = "ReceiveFailed", Level = LogLevel.Warning, Message = "{Id}: UDP receive loop ended: {Reason}")]
    public static partial void ReceiveFailed(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 5008, EventName = "SendFailed", Level = LogLevel.Debug, Message = "{Id}: send failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string id, string reason);
}

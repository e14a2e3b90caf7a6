using Microsoft.Extensions.Logging;

namespace Broadcast.FirmwareSim.Attack;

internal static partial class AttackLog
{
    [LoggerMessage(EventId = 5201, EventName = "AttackersChosen", Level = LogLevel.Warning, Message = "attack mode: {Id} attacks with {Kinds}")]
    public static partial void AttackerChosen(ILogger logger, string id, string kinds);

    [LoggerMessage(EventId = 5202, EventName = "AttackSendFailed", Level = LogLevel.Debug, Message = "{Id}: attack send failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 5203, EventName = "WrongIpSessionAccepted", Level = LogLevel.Error, Message = "{Id}: the controller ANSWERED a Hello with {Victim}'s stolen key from {Address}: the IP binding is not enforced")]
    public static partial void WrongIpAccepted(ILogger logger, string id, string victim, string address);

    [LoggerMessage(EventId = 5204, EventName = "WrongIpConnectFailed", Level = LogLevel.Information, Message = "{Id}: stolen-credentials connection refused by the broker: {Reason}")]
    public static partial void WrongIpConnectFailed(ILogger logger, string id, string reason);
}

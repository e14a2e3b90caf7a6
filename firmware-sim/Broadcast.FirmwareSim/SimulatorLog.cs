using System.Net;
using Microsoft.Extensions.Logging;

namespace Broadcast.FirmwareSim;

internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 5100, EventName = "Started", Level = LogLevel.Information, Message = "simulating {Count} clusters of district {District}; broker {Broker}, controller UDP {Udp}")]
    public static partial void Started(ILogger logger, int count, string district, Uri broker, IPEndPoint udp);

    [LoggerMessage(EventId = 5101, EventName = "Stopped", Level = LogLevel.Information, Message = "stopped after {Seconds:F1} s; {Handshakes}/{Count} handshakes, CPU {Cpu:F2} s")]
    public static partial void Stopped(ILogger logger, double seconds, int handshakes, int count, double cpu);

    [LoggerMessage(EventId = 5102, EventName = "MaintainFailed", Level = LogLevel.Warning, Message = "maintenance of a cluster failed: {Reason}")]
    public static partial void MaintainFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5103, EventName = "ImpairmentMatchesNothing", Level = LogLevel.Warning, Message = "impairment for '{Selector}' matches no simulated cluster (check the id or name; names compare as slugs, \"Y Tý\" = y-ty)")]
    public static partial void ImpairmentMatchesNothing(ILogger logger, string selector);
}

using System.Globalization;
using Broadcast.Monitoring.Alerts;

namespace Broadcast.Monitoring.Grouping;

/// <summary>The sentence of a group alert: "12 clusters of Y Tý offline".</summary>
internal static class GroupWording
{
    public static string Message(AlertKind kind, string commune, int members) =>
        string.Create(CultureInfo.InvariantCulture, $"{members} {(members == 1 ? "cluster" : "clusters")} of {commune} {Predicate(kind)}");

    private static string Predicate(AlertKind kind) => kind switch
    {
        AlertKind.EndpointOffline => "offline",
        AlertKind.PacketLoss => "losing packets above the threshold",
        AlertKind.HandshakeFailures => "with repeated handshake failures",
        AlertKind.WrongAddress => "presenting their keys from wrong addresses",
        AlertKind.CacheFull => "with a full cache",
        _ => kind.ToString(),
    };
}

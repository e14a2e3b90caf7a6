namespace Broadcast.Monitoring.Conditions;

/// <summary>What the controller knows about one endpoint at one poll.</summary>
/// <param name="Id">The endpoint id.</param>
/// <param name="Commune">The commune's name; null for an endpoint outside the topology whose commune is unknown.</param>
/// <param name="Monitored">Provisioned and not revoked: only these raise offline and loss alerts.</param>
/// <param name="Online">The controller's own view: a live session and recent heartbeats.</param>
/// <param name="LastSeen">The last Hello or Status.</param>
/// <param name="LossPerTenThousand">From the endpoint's last Status; null before its first.</param>
internal sealed record EndpointSnapshot(
    string Id,
    string? Commune,
    bool Monitored,
    bool Online,
    DateTimeOffset? LastSeen,
    ushort? LossPerTenThousand);

using Broadcast.Controller.Sessions;
using Broadcast.Controller.Topology;
using Broadcast.Protocol.Identity;

namespace Broadcast.Monitoring.Conditions;

/// <summary>
/// Reads the controller's endpoint records as they stand; the monitor observes the controller, which never calls it.
/// Each field is read once without a lock: a poll may see one endpoint a heartbeat older than another, which a
/// monitor measuring minutes does not mind.
/// </summary>
internal sealed class SessionTableProbe(SessionTable sessions, TopologyIndex topology, JsonEndpointRegistry? registry = null)
{
    public IReadOnlyList<EndpointSnapshot> Read() =>
        [.. sessions.All.Select(r => new EndpointSnapshot(
            r.Id,
            CommuneName(r.Commune),
            IsMonitored(r.Id),
            r.Online,
            r.LastSeen,
            r.LastStatus?.LossPerTenThousand))];

    /// <summary>The commune name of an endpoint id, for events that name only the id; null when unknown.</summary>
    public string? CommuneOf(string endpointId) =>
        sessions.Find(endpointId) is { } record ? CommuneName(record.Commune) : null;

    // Without a registry (tests, tools) every endpoint of the topology is watched. With one, only provisioned and
    // unrevoked endpoints: a cluster of the topology not yet installed is not an outage.
    private bool IsMonitored(string id) => registry is null || registry.FindById(id) is { Revoked: false };

    private string? CommuneName(string? idOrName) =>
        string.IsNullOrEmpty(idOrName) ? null : topology.FindCommune(idOrName)?.Name ?? idOrName;
}

namespace Broadcast.Controller.Broadcasts;

/// <summary>A broadcast as the API shows it.</summary>
public sealed record BroadcastInfo(
    long Id,
    uint Channel,
    string Programme,
    string Target,
    string Priority,
    double DurationSeconds,
    long Frame,
    IReadOnlyList<string> Targets,
    IReadOnlyList<BroadcastRefusal> Refused,
    IReadOnlyList<EndpointDelivery> Delivery);

/// <summary>A target endpoint this broadcast could not take, and why.</summary>
public sealed record BroadcastRefusal(string Endpoint, long HeldBy, string Reason);

/// <summary>Per-endpoint delivery figures of a broadcast.</summary>
public sealed record EndpointDelivery(string Endpoint, bool Active, long PacketsSent, long SendErrors, long NotRouted);

using Broadcast.Controller.Streaming.Live;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// A broadcast as the API shows it. <c>Programme</c> is the file, the playlist label or the live input (without
/// credentials); <c>DurationSeconds</c> is 0 for a live broadcast, which runs until stopped.
/// </summary>
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
    IReadOnlyList<EndpointDelivery> Delivery)
{
    /// <summary><c>playing</c> or <c>paused</c>.</summary>
    public string State { get; init; } = "playing";

    /// <summary>Where a recorded programme is (the frame being sent now); null for a live broadcast.</summary>
    public double? PositionSeconds { get; init; }

    /// <summary>Volume set for this broadcast with <c>POST /api/broadcasts/{id}/volume</c>; null: each endpoint's own.</summary>
    public int? Volume { get; init; }

    /// <summary>The live input's state (connecting, live, retrying with attempt and last error); null for a recorded programme.</summary>
    public LiveStatus? Live { get; init; }
}

/// <summary>A target endpoint this broadcast could not take, and why.</summary>
public sealed record BroadcastRefusal(string Endpoint, long HeldBy, string Reason);

/// <summary>Per-endpoint delivery figures of a broadcast.</summary>
public sealed record EndpointDelivery(string Endpoint, bool Active, long PacketsSent, long SendErrors, long NotRouted);

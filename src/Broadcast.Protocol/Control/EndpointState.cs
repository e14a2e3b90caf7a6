namespace Broadcast.Protocol.Control;

/// <summary>Endpoint state reported in <see cref="StatusMessage"/>.</summary>
public enum EndpointState
{
    /// <summary>Connected, nothing playing.</summary>
    Idle = 0,

    /// <summary>Playing a channel.</summary>
    Playing = 1,

    /// <summary>Filling the jitter buffer.</summary>
    Buffering = 2,

    /// <summary>A fault; see the last Error.</summary>
    Faulted = 3,

    /// <summary>Gone: the clear last-will payload the broker publishes when the endpoint drops.</summary>
    Offline = 4,
}

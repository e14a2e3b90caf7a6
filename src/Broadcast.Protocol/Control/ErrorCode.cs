namespace Broadcast.Protocol.Control;

/// <summary>Error codes carried by <see cref="ErrorMessage"/> and <see cref="ByeMessage"/> (docs/protocol.md, Error codes).</summary>
public enum ErrorCode
{
    /// <summary>No error / normal close.</summary>
    None = 0,

    /// <summary>Message could not be parsed.</summary>
    Malformed = 1,

    /// <summary>Protocol version not supported.</summary>
    UnsupportedVersion = 2,

    /// <summary>Authentication failed.</summary>
    AuthenticationFailed = 3,

    /// <summary>Endpoint revoked by the operator.</summary>
    Revoked = 4,

    /// <summary>Key used from an address outside its binding.</summary>
    AddressNotBound = 5,

    /// <summary>Replayed message.</summary>
    Replay = 6,

    /// <summary>Media for a channel whose key the endpoint does not hold.</summary>
    UnknownChannelKey = 7,

    /// <summary>Command refused (e.g. lower priority than what is playing).</summary>
    CommandRefused = 8,

    /// <summary>Audio output or decoder fault on the endpoint.</summary>
    AudioFault = 9,

    /// <summary>Cache full or storage fault.</summary>
    StorageFault = 10,

    /// <summary>Controller shutting down; reconnect later.</summary>
    Shutdown = 11,

    /// <summary>Unspecified internal error.</summary>
    Internal = 255,
}

namespace Broadcast.Protocol.Control;

/// <summary>Why <see cref="ControlChannel.TryOpen"/> accepted or dropped an envelope.</summary>
public enum ControlOpenStatus
{
    /// <summary>Authentic and fresh.</summary>
    Ok = 0,

    /// <summary>Wrong size, type, version or reserved bytes.</summary>
    Malformed = 1,

    /// <summary>Receiver index is not this session's.</summary>
    WrongSession = 2,

    /// <summary>Counter already seen.</summary>
    Replayed = 3,

    /// <summary>Counter behind the replay window.</summary>
    TooOld = 4,

    /// <summary>AEAD authentication failed.</summary>
    DecryptFailed = 5,

    /// <summary>Destination too small for the plaintext.</summary>
    DestinationTooSmall = 6,
}

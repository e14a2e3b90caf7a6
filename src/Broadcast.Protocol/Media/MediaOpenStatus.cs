namespace Broadcast.Protocol.Media;

/// <summary>Why <see cref="MediaReceiver.TryOpen"/> accepted or dropped a packet.</summary>
public enum MediaOpenStatus
{
    /// <summary>Authentic, fresh, decrypted.</summary>
    Ok = 0,

    /// <summary>Too short, too long, not RTP v2 with a fixed header, or wrong payload type.</summary>
    Malformed = 1,

    /// <summary>SSRC is not this receiver's channel.</summary>
    WrongChannel = 2,

    /// <summary>Key id is neither the current nor the previous channel key.</summary>
    UnknownKey = 3,

    /// <summary>Packet index already accepted (duplicate or replay).</summary>
    Replayed = 4,

    /// <summary>Packet index behind the replay window.</summary>
    TooOld = 5,

    /// <summary>Origin tag or signature does not prove the controller sent it for this endpoint.</summary>
    BadOrigin = 6,

    /// <summary>AEAD authentication failed.</summary>
    DecryptFailed = 7,

    /// <summary>The payload destination is too small.</summary>
    DestinationTooSmall = 8,
}

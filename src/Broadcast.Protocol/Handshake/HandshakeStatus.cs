namespace Broadcast.Protocol.Handshake;

/// <summary>Outcome of processing a handshake message. Attacker-controlled input never throws; it yields one of these.</summary>
public enum HandshakeStatus
{
    /// <summary>Accepted; session keys are ready.</summary>
    Accepted = 0,

    /// <summary>Accepted from an address inside the binding but different from the last accepted one: log it.</summary>
    AcceptedNewAddress = 1,

    /// <summary>Wrong length, type, version or reserved bits.</summary>
    Malformed = 2,

    /// <summary>mac1 does not match: the sender does not know our public key. No further work is done.</summary>
    BadMac = 3,

    /// <summary>AEAD or key agreement failed: forged or corrupted message.</summary>
    DecryptFailed = 4,

    /// <summary>The static key is not in the registry.</summary>
    UnknownEndpoint = 5,

    /// <summary>The endpoint is revoked.</summary>
    Revoked = 6,

    /// <summary>A valid key presented from an address outside its binding.</summary>
    AddressOutsideBinding = 7,

    /// <summary>Timestamp not newer than the last accepted one: a replayed Hello.</summary>
    Replayed = 8,

    /// <summary>The key belongs to another id than the topic the Hello arrived on.</summary>
    EndpointMismatch = 9,

    /// <summary>The timestamp is further from the controller clock than allowed.</summary>
    ClockSkew = 10,

    /// <summary>Session message for an index we did not send, or no handshake pending.</summary>
    UnexpectedIndex = 11,

    /// <summary>Destination buffer too small for the reply.</summary>
    DestinationTooSmall = 12,
}

using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Media;

/// <summary>Byte offsets of a secure media packet (docs/protocol.md, section Media packet).</summary>
public static class SecureMediaLayout
{
    /// <summary>Offset of the 32-bit channel key id.</summary>
    public const int KeyIdOffset = RtpHeader.Size;

    /// <summary>Offset of the 64-bit packet index.</summary>
    public const int PacketIndexOffset = KeyIdOffset + 4;

    /// <summary>RTP header + secure header: the AEAD associated data, in clear.</summary>
    public const int HeaderSize = PacketIndexOffset + 8;

    /// <summary>Poly1305 tag after the ciphertext.</summary>
    public const int AeadTagSize = Aead.TagSize;

    /// <summary>Per-endpoint origin tag (keyed BLAKE2b-128) at the very end.</summary>
    public const int OriginTagSize = Mac.TagSize;

    /// <summary>Ed25519 signature that replaces the origin tag in the multicast variant.</summary>
    public const int SignatureSize = 64;

    /// <summary>Bytes added to the Opus payload on the unicast/MQTT path: 12 + 12 + 16 + 16 = 56.</summary>
    public const int Overhead = HeaderSize + AeadTagSize + OriginTagSize;

    /// <summary>Sealed packet (what <see cref="MediaSealer"/> writes) without the origin tag.</summary>
    public static int SealedSize(int payloadLength) => HeaderSize + payloadLength + AeadTagSize;

    /// <summary>Largest packet on the wire; keeps one 20 ms Opus frame under a 1400-byte path MTU.</summary>
    public const int MaxPacketSize = 1400;

    /// <summary>Largest payload that fits <see cref="MaxPacketSize"/> with the multicast signature.</summary>
    public const int MaxPayloadSize = MaxPacketSize - HeaderSize - AeadTagSize - SignatureSize;
}

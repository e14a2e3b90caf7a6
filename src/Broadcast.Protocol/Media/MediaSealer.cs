using System.Buffers.Binary;
using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Media;

/// <summary>
/// Controller side of one broadcast channel: seals each Opus packet ONCE under the current channel key.
/// The sealed bytes are then completed per endpoint with <see cref="OriginAuthenticator.WriteTag"/>
/// (unicast/MQTT) or once with <see cref="MulticastSigner"/> (LAN multicast).
/// </summary>
/// <remarks>Not thread-safe: one pacing loop per channel owns it. Allocation-free per packet.</remarks>
public sealed class MediaSealer
{
    private ChannelKey? _key;
    private ulong _nextIndex;

    /// <summary>Creates the sealer of channel <paramref name="channelId"/>.</summary>
    public MediaSealer(uint channelId) => ChannelId = channelId;

    /// <summary>Channel id, carried as RTP SSRC.</summary>
    public uint ChannelId { get; }

    /// <summary>Key currently sealing, if any. The sealer does not own (dispose) keys.</summary>
    public ChannelKey? CurrentKey => _key;

    /// <summary>Next packet index under the current key.</summary>
    public ulong NextPacketIndex => _nextIndex;

    /// <summary>Switches to a new key; the packet index restarts at 0 because the key is fresh.</summary>
    public void UseKey(ChannelKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.ChannelId != ChannelId)
        {
            throw new ArgumentException($"Key of channel {key.ChannelId} given to the sealer of channel {ChannelId}.", nameof(key));
        }

        _key = key;
        _nextIndex = 0;
    }

    /// <summary>
    /// Writes RTP header, secure header, ciphertext and AEAD tag (<see cref="SecureMediaLayout.SealedSize"/> bytes)
    /// into <paramref name="destination"/>. Leave <see cref="SecureMediaLayout.OriginTagSize"/> bytes after it for the tag.
    /// </summary>
    public bool TrySeal(in RtpHeader header, ReadOnlySpan<byte> opusPayload, Span<byte> destination, out int written)
    {
        written = 0;
        var key = _key;
        var size = SecureMediaLayout.SealedSize(opusPayload.Length);
        if (key is null || header.Ssrc != ChannelId || opusPayload.Length > SecureMediaLayout.MaxPayloadSize
            || destination.Length < size || _nextIndex == ulong.MaxValue)
        {
            return false;
        }

        if (!header.TryWrite(destination, out _))
        {
            return false;
        }

        var index = _nextIndex++;
        BinaryPrimitives.WriteUInt32BigEndian(destination[SecureMediaLayout.KeyIdOffset..], key.KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[SecureMediaLayout.PacketIndexOffset..], index);
        var associatedData = destination[..SecureMediaLayout.HeaderSize];
        Aead.Seal(key.AeadKey, index, associatedData, opusPayload, destination.Slice(SecureMediaLayout.HeaderSize, opusPayload.Length + Aead.TagSize));
        written = size;
        return true;
    }
}

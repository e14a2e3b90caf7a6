using System.Buffers.Binary;
using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Replay;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Media;

/// <summary>
/// Endpoint side of one channel: checks origin, replay window and AEAD, then yields the Opus payload.
/// Holds the current and the previous channel key (each with its own replay window) so that packets in
/// flight across a rekey still play.
/// </summary>
/// <remarks>
/// Order of checks (docs/protocol.md, Receiving media): parse, channel, key id, replay pre-check, origin,
/// AEAD, then the window update — the window moves only for authenticated packets. Not thread-safe;
/// allocation-free per packet.
/// </remarks>
public sealed class MediaReceiver
{
    private readonly OriginAuthenticator? _origin;
    private readonly MulticastVerifier? _multicast;
    private readonly ReplayWindow _currentWindow = new();
    private readonly ReplayWindow _previousWindow = new();
    private OriginAuthenticator? _previousOrigin;
    private ChannelKey? _current;
    private ChannelKey? _previous;

    /// <summary>Unicast/MQTT receiver: packets end with this endpoint's origin tag.</summary>
    public MediaReceiver(uint channelId, OriginAuthenticator origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ChannelId = channelId;
        _origin = origin;
    }

    /// <summary>Multicast receiver: packets end with the controller's Ed25519 signature.</summary>
    public MediaReceiver(uint channelId, MulticastVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ChannelId = channelId;
        _multicast = verifier;
    }

    /// <summary>Channel (RTP SSRC) this receiver accepts.</summary>
    public uint ChannelId { get; }

    /// <summary>Key id of the newest installed key, if any.</summary>
    public uint? CurrentKeyId => _current?.KeyId;

    /// <summary>
    /// Also accepts tags under the media-auth key of the previous session for packets in flight while the
    /// endpoint re-handshakes. Pass null to stop accepting it.
    /// </summary>
    public void SetPreviousOrigin(OriginAuthenticator? previous) => _previousOrigin = previous;

    /// <summary>
    /// Installs a key from a ChannelKey message. The current key becomes the previous one; keys not newer
    /// than the current one are ignored (duplicate or reordered delivery). The receiver does not own keys.
    /// </summary>
    public bool InstallKey(ChannelKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.ChannelId != ChannelId || (_current is not null && key.KeyId <= _current.KeyId))
        {
            return false;
        }

        _previous = _current;
        _previousWindow.Reset();
        CopyWindow(_currentWindow, _previousWindow);
        _currentWindow.Reset();
        _current = key;
        return true;
    }

    /// <summary>Verifies and decrypts <paramref name="packet"/>; the Opus payload goes to <paramref name="payload"/>.</summary>
    public MediaOpenStatus TryOpen(ReadOnlySpan<byte> packet, Span<byte> payload, out RtpHeader header, out int payloadLength)
    {
        payloadLength = 0;
        var trailer = _origin is not null ? SecureMediaLayout.OriginTagSize : SecureMediaLayout.SignatureSize;
        if (packet.Length > SecureMediaLayout.MaxPacketSize
            || packet.Length < SecureMediaLayout.HeaderSize + SecureMediaLayout.AeadTagSize + trailer
            || !RtpHeader.TryRead(packet, out header, out _))
        {
            header = default;
            return MediaOpenStatus.Malformed;
        }

        if (header.PayloadType != OpusRtp.PayloadType)
        {
            return MediaOpenStatus.Malformed;
        }

        if (header.Ssrc != ChannelId)
        {
            return MediaOpenStatus.WrongChannel;
        }

        var keyId = BinaryPrimitives.ReadUInt32BigEndian(packet[SecureMediaLayout.KeyIdOffset..]);
        var index = BinaryPrimitives.ReadUInt64BigEndian(packet[SecureMediaLayout.PacketIndexOffset..]);
        ChannelKey? key;
        ReplayWindow window;
        if (_current is not null && keyId == _current.KeyId)
        {
            key = _current;
            window = _currentWindow;
        }
        else if (_previous is not null && keyId == _previous.KeyId)
        {
            key = _previous;
            window = _previousWindow;
        }
        else
        {
            return MediaOpenStatus.UnknownKey;
        }

        switch (window.Check(index))
        {
            case ReplayCheck.Replayed:
                return MediaOpenStatus.Replayed;
            case ReplayCheck.TooOld:
                return MediaOpenStatus.TooOld;
        }

        var sealedLength = packet.Length - trailer;
        var sealedPacket = packet[..sealedLength];
        var proof = packet[sealedLength..];
        if (!VerifyOrigin(sealedPacket, proof))
        {
            return MediaOpenStatus.BadOrigin;
        }

        var ciphertext = sealedPacket[SecureMediaLayout.HeaderSize..];
        var length = ciphertext.Length - Aead.TagSize;
        if (payload.Length < length)
        {
            return MediaOpenStatus.DestinationTooSmall;
        }

        if (!Aead.Open(key.AeadKey, index, sealedPacket[..SecureMediaLayout.HeaderSize], ciphertext, payload))
        {
            payload[..length].Clear();
            return MediaOpenStatus.DecryptFailed;
        }

        window.TryUpdate(index);
        payloadLength = length;
        return MediaOpenStatus.Ok;
    }

    private bool VerifyOrigin(ReadOnlySpan<byte> sealedPacket, ReadOnlySpan<byte> proof)
    {
        if (_multicast is not null)
        {
            return _multicast.Verify(sealedPacket, proof);
        }

        return _origin!.Verify(sealedPacket, proof) || (_previousOrigin?.Verify(sealedPacket, proof) ?? false);
    }

    private static void CopyWindow(ReplayWindow from, ReplayWindow to) => to.CopyFrom(from);
}

using System.Buffers.Binary;
using Broadcast.Protocol.Media;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Delivers a channel key to one endpoint, always inside a sealed envelope under that endpoint's
/// controller-to-endpoint transport key. Body (44 bytes): channel id u32, key id u32, suite u8 (1 =
/// ChaCha20-Poly1305 + BLAKE2b-128 origin tag), 3 reserved zero bytes, key 32 bytes.
/// </summary>
public sealed class ChannelKeyMessage : IEquatable<ChannelKeyMessage>
{
    /// <summary>Body size.</summary>
    public const int BodySize = 44;

    /// <summary>The only suite of version 1.</summary>
    public const byte SuiteChaCha20Poly1305 = 1;

    private readonly byte[] _key;

    /// <summary>Creates the message for <paramref name="key"/>.</summary>
    public ChannelKeyMessage(ChannelKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ChannelId = key.ChannelId;
        KeyId = key.KeyId;
        _key = key.Raw.ToArray();
    }

    private ChannelKeyMessage(uint channelId, uint keyId, byte[] key)
    {
        ChannelId = channelId;
        KeyId = keyId;
        _key = key;
    }

    /// <summary>Channel id (RTP SSRC).</summary>
    public uint ChannelId { get; }

    /// <summary>Key epoch.</summary>
    public uint KeyId { get; }

    /// <summary>Builds the <see cref="ChannelKey"/> the receiver installs; the caller owns it.</summary>
    public ChannelKey ToChannelKey() => ChannelKey.FromBytes(ChannelId, KeyId, _key);

    /// <summary>Reads header and body.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ChannelKeyMessage? message, out int consumed)
    {
        message = null;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.ChannelKey, BodySize, BodySize, out var body, out consumed)
            || body[8] != SuiteChaCha20Poly1305 || body[9] != 0 || body[10] != 0 || body[11] != 0)
        {
            consumed = 0;
            return false;
        }

        message = new ChannelKeyMessage(
            BinaryPrimitives.ReadUInt32BigEndian(body),
            BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            body.Slice(12, ChannelKey.Size).ToArray());
        return true;
    }

    /// <summary>Writes header and body (48 bytes).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!ControlFrame.TryWriteHeader(destination, ControlMessageType.ChannelKey, BodySize, out var body))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(body, ChannelId);
        BinaryPrimitives.WriteUInt32BigEndian(body[4..], KeyId);
        body[8] = SuiteChaCha20Poly1305;
        body[9..12].Clear();
        _key.CopyTo(body[12..]);
        written = ControlFrame.HeaderSize + BodySize;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ChannelKeyMessage? other) =>
        other is not null && other.ChannelId == ChannelId && other.KeyId == KeyId && other._key.AsSpan().SequenceEqual(_key);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChannelKeyMessage);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ChannelId, KeyId);

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"ChannelKey(channel {ChannelId}, key id {KeyId}, key redacted)";
}

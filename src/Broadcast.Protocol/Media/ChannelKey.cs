using Broadcast.Protocol.Crypto;
using NSec.Cryptography;

namespace Broadcast.Protocol.Media;

/// <summary>
/// A channel's media key for one epoch (<see cref="KeyId"/>): 32 random bytes for ChaCha20-Poly1305.
/// Each key is used with packet indexes 0, 1, 2, ... only once, so a (key, nonce) pair never repeats.
/// </summary>
public sealed class ChannelKey : IDisposable
{
    private readonly byte[] _raw;

    private ChannelKey(uint channelId, uint keyId, byte[] raw)
    {
        ChannelId = channelId;
        KeyId = keyId;
        _raw = raw;
        AeadKey = Aead.ImportKey(raw);
    }

    /// <summary>Size of the raw key.</summary>
    public const int Size = Aead.KeySize;

    /// <summary>Broadcast channel (the RTP SSRC).</summary>
    public uint ChannelId { get; }

    /// <summary>Epoch; increases by one at every rekey of the channel.</summary>
    public uint KeyId { get; }

    internal Key AeadKey { get; }

    internal ReadOnlySpan<byte> Raw => _raw;

    /// <summary>Draws a fresh key.</summary>
    public static ChannelKey Create(uint channelId, uint keyId, IRandomSource? random = null)
    {
        var raw = new byte[Size];
        (random ?? SystemRandomSource.Instance).Fill(raw);
        return new ChannelKey(channelId, keyId, raw);
    }

    /// <summary>Rebuilds a key received in a <see cref="Control.ChannelKeyMessage"/>.</summary>
    public static ChannelKey FromBytes(uint channelId, uint keyId, ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A channel key is {Size} bytes.", nameof(key));
        }

        return new ChannelKey(channelId, keyId, key.ToArray());
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"ChannelKey(channel {ChannelId}, key id {KeyId}, key redacted)";

    /// <inheritdoc />
    public void Dispose()
    {
        AeadKey.Dispose();
        Array.Clear(_raw);
    }
}

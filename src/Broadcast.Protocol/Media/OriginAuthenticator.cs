using Broadcast.Protocol.Crypto;
using NSec.Cryptography;

namespace Broadcast.Protocol.Media;

/// <summary>
/// Per-endpoint origin proof: keyed BLAKE2b-128 over the whole sealed packet, keyed with the media-auth
/// key that only the controller and that endpoint derived in their handshake. Another endpoint of the same
/// channel knows the channel key but not this key, so it cannot make this endpoint play its audio.
/// </summary>
/// <remarks>Thread-safe (libsodium keeps no state between calls); allocation-free per packet.</remarks>
public sealed class OriginAuthenticator : IDisposable
{
    private readonly Key _key;

    internal OriginAuthenticator(ReadOnlySpan<byte> mediaAuthKey)
    {
        if (mediaAuthKey.Length != Mac.KeySize)
        {
            throw new ArgumentException($"A media-auth key is {Mac.KeySize} bytes.", nameof(mediaAuthKey));
        }

        _key = Mac.ImportKey(mediaAuthKey);
    }

    /// <summary>Writes the 16-byte tag of <paramref name="sealedPacket"/> into <paramref name="tag"/>.</summary>
    public void WriteTag(ReadOnlySpan<byte> sealedPacket, Span<byte> tag)
    {
        if (tag.Length < Mac.TagSize)
        {
            throw new ArgumentException($"The origin tag needs {Mac.TagSize} bytes.", nameof(tag));
        }

        Mac.Algorithm.Mac(_key, sealedPacket, tag[..Mac.TagSize]);
    }

    /// <summary>Copies the sealed packet into <paramref name="destination"/> and appends this endpoint's tag.</summary>
    public bool TryWriteTagged(ReadOnlySpan<byte> sealedPacket, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < sealedPacket.Length + Mac.TagSize)
        {
            return false;
        }

        sealedPacket.CopyTo(destination);
        WriteTag(sealedPacket, destination.Slice(sealedPacket.Length, Mac.TagSize));
        written = sealedPacket.Length + Mac.TagSize;
        return true;
    }

    /// <summary>Constant-time check of <paramref name="tag"/> over <paramref name="sealedPacket"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> sealedPacket, ReadOnlySpan<byte> tag) =>
        tag.Length == Mac.TagSize && Mac.Algorithm.Verify(_key, sealedPacket, tag);

    /// <inheritdoc />
    public override string ToString() => "OriginAuthenticator(key redacted)";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

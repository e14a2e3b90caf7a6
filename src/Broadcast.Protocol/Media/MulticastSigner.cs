using NSec.Cryptography;

namespace Broadcast.Protocol.Media;

/// <summary>
/// Multicast variant of the origin proof: one Ed25519 signature (RFC 8032) by the controller over the sealed
/// packet, appended instead of per-endpoint tags, because a multicast datagram cannot carry a tag per receiver.
/// Costs 64 bytes and one signature per packet (and one verification per endpoint); used on LANs only.
/// </summary>
public sealed class MulticastSigner : IDisposable
{
    private readonly Key _key;

    private MulticastSigner(Key key) => _key = key;

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (RFC 8032 section 5.1.5 private key).</summary>
    public static MulticastSigner FromSeed(ReadOnlySpan<byte> seed)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new MulticastSigner(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, in parameters));
    }

    /// <summary>Writes the 32-byte public key endpoints pin for this channel.</summary>
    public void WritePublicKey(Span<byte> destination)
    {
        if (!_key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, destination, out _))
        {
            throw new ArgumentException("An Ed25519 public key needs 32 bytes.", nameof(destination));
        }
    }

    /// <summary>Signs the sealed packet into <paramref name="signature"/> (64 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> sealedPacket, Span<byte> signature) =>
        SignatureAlgorithm.Ed25519.Sign(_key, sealedPacket, signature[..SecureMediaLayout.SignatureSize]);

    /// <inheritdoc />
    public override string ToString() => "MulticastSigner(key redacted)";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

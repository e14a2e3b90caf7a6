using NSec.Cryptography;

namespace Broadcast.Protocol.Media;

/// <summary>Endpoint side of <see cref="MulticastSigner"/>: verifies the controller's Ed25519 signature.</summary>
public sealed class MulticastVerifier
{
    private readonly PublicKey _publicKey;

    private MulticastVerifier(PublicKey publicKey) => _publicKey = publicKey;

    /// <summary>Imports the pinned 32-byte Ed25519 public key; false when it is not a valid key.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> publicKey, out MulticastVerifier? verifier)
    {
        verifier = null;
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        verifier = new MulticastVerifier(key);
        return true;
    }

    /// <summary>True when <paramref name="signature"/> is the controller's over <paramref name="sealedPacket"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> sealedPacket, ReadOnlySpan<byte> signature) =>
        signature.Length == SecureMediaLayout.SignatureSize && SignatureAlgorithm.Ed25519.Verify(_publicKey, sealedPacket, signature);
}

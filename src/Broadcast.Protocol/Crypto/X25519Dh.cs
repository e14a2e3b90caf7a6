using System.Security.Cryptography;
using NSec.Cryptography;

namespace Broadcast.Protocol.Crypto;

/// <summary>X25519 (RFC 7748) through NSec/libsodium; raw 32-byte keys at the edges.</summary>
internal static class X25519Dh
{
    public const int KeySize = 32;

    private static readonly KeyAgreementAlgorithm Algorithm = KeyAgreementAlgorithm.X25519;

    /// <summary>Imports a raw private key (libsodium clamps it) so that callers can hold keys they drew themselves.</summary>
    public static Key ImportPrivate(ReadOnlySpan<byte> privateKey)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey, in parameters);
    }

    public static void DerivePublic(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        using var key = ImportPrivate(privateKey);
        WritePublic(key, publicKey);
    }

    public static void WritePublic(Key key, Span<byte> publicKey)
    {
        if (!key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, publicKey, out var written) || written != KeySize)
        {
            throw new CryptographicException("X25519 public key export failed.");
        }
    }

    /// <summary>
    /// DH(private, public) into <paramref name="sharedSecret"/>. Returns false for a public key that is not
    /// a valid point or yields the all-zero output (low-order point, RFC 7748 section 6.1): attacker input,
    /// so a typed failure, never an exception.
    /// </summary>
    public static bool TryAgree(Key privateKey, ReadOnlySpan<byte> publicKey, Span<byte> sharedSecret)
    {
        if (!PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
        {
            return false;
        }

        var parameters = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var secret = Algorithm.Agree(privateKey, peer, in parameters);
        if (secret is null)
        {
            return false;
        }

        if (!secret.TryExport(SharedSecretBlobFormat.RawSharedSecret, sharedSecret, out var written) || written != KeySize)
        {
            return false;
        }

        var zero = 0;
        foreach (var b in sharedSecret[..KeySize])
        {
            zero |= b;
        }

        return zero != 0;
    }
}

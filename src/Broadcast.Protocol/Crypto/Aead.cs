using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NSec.Cryptography;

namespace Broadcast.Protocol.Crypto;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439) through libsodium. The nonce follows the Noise ChaChaPoly convention
/// (Noise section 12.3): 32 zero bits then the 64-bit counter little-endian. libsodium's implementation was
/// measured 2.5x faster than System.Security.Cryptography's on 160-byte payloads.
/// </summary>
internal static partial class Aead
{
    public const int KeySize = 32;
    public const int TagSize = 16;
    public const int NonceSize = 12;

    public static readonly AeadAlgorithm Algorithm = AeadAlgorithm.ChaCha20Poly1305;

    public static Key ImportKey(ReadOnlySpan<byte> key) =>
        Key.Import(Algorithm, key, KeyBlobFormat.RawSymmetricKey);

    public static void WriteNonce(ulong counter, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], counter);
    }

    public static void Seal(Key key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        WriteNonce(counter, nonce);
        Algorithm.Encrypt(key, nonce, associatedData, plaintext, ciphertext[..(plaintext.Length + TagSize)]);
    }

    public static bool Open(Key key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (ciphertext.Length < TagSize)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        WriteNonce(counter, nonce);
        return Algorithm.Decrypt(key, nonce, associatedData, ciphertext, plaintext[..(ciphertext.Length - TagSize)]);
    }

    // The span-key overloads serve the handshake, which uses each key once. They call libsodium directly: importing an
    // NSec Key for a single use costs a guarded secure-memory allocation (mmap + mprotect), more than the cipher itself.
    public static unsafe void Seal(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        if (key.Length != KeySize || ciphertext.Length < plaintext.Length + TagSize)
        {
            throw new ArgumentException("wrong key size or destination too small");
        }

        _ = Algorithm; // libsodium initialised by NSec's static constructor
        Span<byte> nonce = stackalloc byte[NonceSize];
        WriteNonce(counter, nonce);
        fixed (byte* c = ciphertext)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
        {
            Native.crypto_aead_chacha20poly1305_ietf_encrypt(c, out _, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, k);
        }
    }

    public static unsafe bool Open(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (key.Length != KeySize || ciphertext.Length < TagSize || plaintext.Length < ciphertext.Length - TagSize)
        {
            return false;
        }

        _ = Algorithm;
        Span<byte> nonce = stackalloc byte[NonceSize];
        WriteNonce(counter, nonce);
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* ad = associatedData)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
        {
            return Native.crypto_aead_chacha20poly1305_ietf_decrypt(m, out _, null, c, (ulong)ciphertext.Length, ad, (ulong)associatedData.Length, n, k) == 0;
        }
    }

    private static unsafe partial class Native
    {
        [LibraryImport("libsodium")]
        internal static partial int crypto_aead_chacha20poly1305_ietf_encrypt(byte* c, out ulong clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

        [LibraryImport("libsodium")]
        internal static partial int crypto_aead_chacha20poly1305_ietf_decrypt(byte* m, out ulong mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);
    }
}

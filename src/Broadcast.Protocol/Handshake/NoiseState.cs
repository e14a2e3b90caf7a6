using System.Security.Cryptography;
using System.Text;
using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Noise SymmetricState (Noise Protocol Framework rev. 34, section 5.2) for
/// Noise_IK_25519_ChaChaPoly_SHA256: chaining key ck, handshake hash h, HKDF with HMAC-SHA256 (section 4.3).
/// Every key k is used for exactly one AEAD with nonce 0, because MixKey runs before each use.
/// </summary>
internal sealed class NoiseState
{
    public const string ProtocolName = "Noise_IK_25519_ChaChaPoly_SHA256";
    public const int HashSize = 32;

    /// <summary>Prologue mixed into h (Noise section 6): binds the handshake to this protocol and version.</summary>
    public static ReadOnlySpan<byte> Prologue => "bcast v1"u8;

    private static readonly byte[] InitialHash = InitialHashValue();

    private readonly byte[] _ck = new byte[HashSize];
    private readonly byte[] _h = new byte[HashSize];

    public NoiseState(ReadOnlySpan<byte> responderStatic)
    {
        InitialHash.CopyTo(_ck, 0);
        InitialHash.CopyTo(_h, 0);
        MixHash(Prologue);
        // IK pre-message "<- s": the initiator knows the responder's static key (Noise section 7.5).
        MixHash(responderStatic);
    }

    private NoiseState(NoiseState other)
    {
        other._ck.CopyTo(_ck, 0);
        other._h.CopyTo(_h, 0);
    }

    public ReadOnlySpan<byte> Hash => _h;

    public NoiseState Clone() => new(this);

    public void MixHash(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_h);
        hash.AppendData(data);
        hash.GetHashAndReset(_h);
    }

    /// <summary>(ck, k) = HKDF(ck, ikm, 2).</summary>
    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial, Span<byte> key)
    {
        Span<byte> output = stackalloc byte[2 * HashSize];
        Hkdf(_ck, inputKeyMaterial, output);
        output[..HashSize].CopyTo(_ck);
        output[HashSize..].CopyTo(key);
        CryptographicOperations.ZeroMemory(output);
    }

    public void EncryptAndHash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Aead.Seal(key, 0, _h, plaintext, ciphertext);
        MixHash(ciphertext[..(plaintext.Length + Aead.TagSize)]);
    }

    public bool DecryptAndHash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (!Aead.Open(key, 0, _h, ciphertext, plaintext))
        {
            return false;
        }

        MixHash(ciphertext);
        return true;
    }

    /// <summary>
    /// Split (Noise section 5.2) extended to three outputs: HKDF(ck, empty, 3) gives the initiator-to-responder
    /// key, the responder-to-initiator key, and the media-auth key. Noise's HKDF defines the third output.
    /// </summary>
    public void Split(Span<byte> initiatorToResponder, Span<byte> responderToInitiator, Span<byte> mediaAuth)
    {
        Span<byte> output = stackalloc byte[3 * HashSize];
        Hkdf(_ck, [], output);
        output[..HashSize].CopyTo(initiatorToResponder);
        output.Slice(HashSize, HashSize).CopyTo(responderToInitiator);
        output[(2 * HashSize)..].CopyTo(mediaAuth);
        CryptographicOperations.ZeroMemory(output);
        CryptographicOperations.ZeroMemory(_ck);
    }

    public void Clear()
    {
        CryptographicOperations.ZeroMemory(_ck);
        CryptographicOperations.ZeroMemory(_h);
    }

    /// <summary>
    /// Noise HKDF (section 4.3): temp = HMAC(ck, ikm); out1 = HMAC(temp, 0x01); out(i) = HMAC(temp, out(i-1) || i).
    /// This equals RFC 5869 HKDF-SHA256 with salt = ck and empty info; written out because the OpenSSL-backed
    /// HKDF.Extract refuses an empty IKM, which Split needs.
    /// </summary>
    private static void Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial, Span<byte> output)
    {
        Span<byte> temp = stackalloc byte[HashSize];
        Span<byte> block = stackalloc byte[HashSize + 1];
        HMACSHA256.HashData(chainingKey, inputKeyMaterial, temp);
        var previous = 0;
        for (var i = 0; i * HashSize < output.Length; i++)
        {
            block[previous] = (byte)(i + 1);
            var outputBlock = output.Slice(i * HashSize, HashSize);
            HMACSHA256.HashData(temp, block[..(previous + 1)], outputBlock);
            outputBlock.CopyTo(block);
            previous = HashSize;
        }

        CryptographicOperations.ZeroMemory(temp);
        CryptographicOperations.ZeroMemory(block);
    }

    private static byte[] InitialHashValue()
    {
        // Noise section 5.2 InitializeSymmetric: a name of exactly HASHLEN bytes is used as h directly.
        var name = Encoding.ASCII.GetBytes(ProtocolName);
        return name.Length == HashSize ? name : SHA256.HashData(name);
    }
}

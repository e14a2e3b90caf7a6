using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// A long-term X25519 key pair: one per endpoint (created at provisioning) and one for the controller.
/// The private key never appears in <see cref="ToString"/>; <see cref="Dispose"/> wipes it.
/// </summary>
public sealed class StaticKeyPair : IDisposable
{
    private readonly byte[] _privateKey;

    private StaticKeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        Span<byte> publicKey = stackalloc byte[X25519Dh.KeySize];
        X25519Dh.DerivePublic(privateKey, publicKey);
        PublicKey = X25519PublicKey.FromSpan(publicKey);
    }

    /// <summary>The public half.</summary>
    public X25519PublicKey PublicKey { get; }

    internal ReadOnlySpan<byte> PrivateKey => _privateKey;

    /// <summary>Draws a new key pair.</summary>
    public static StaticKeyPair Generate(IRandomSource? random = null)
    {
        var privateKey = new byte[X25519Dh.KeySize];
        (random ?? SystemRandomSource.Instance).Fill(privateKey);
        return new StaticKeyPair(privateKey);
    }

    /// <summary>Rebuilds a key pair from its 32-byte private key.</summary>
    public static StaticKeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != X25519Dh.KeySize)
        {
            throw new ArgumentException($"An X25519 private key is {X25519Dh.KeySize} bytes.", nameof(privateKey));
        }

        return new StaticKeyPair(privateKey.ToArray());
    }

    /// <summary>Base64 of the private key, for the credentials file writer only.</summary>
    internal string PrivateKeyBase64() => Convert.ToBase64String(_privateKey);

    /// <summary>Shows the public key only.</summary>
    public override string ToString() => $"StaticKeyPair(public {PublicKey}, private redacted)";

    /// <inheritdoc />
    public void Dispose() => Array.Clear(_privateKey);
}

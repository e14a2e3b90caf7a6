using System.Security.Cryptography;

namespace Broadcast.Protocol.Identity;

/// <summary>A 32-byte X25519 public key (RFC 7748). Public material: may be logged and shown.</summary>
public sealed class X25519PublicKey : IEquatable<X25519PublicKey>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _bytes;

    private X25519PublicKey(byte[] bytes) => _bytes = bytes;

    /// <summary>The raw key.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Copies a 32-byte key; false for any other length.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> bytes, out X25519PublicKey? key)
    {
        key = bytes.Length == Size ? new X25519PublicKey(bytes.ToArray()) : null;
        return key is not null;
    }

    /// <summary>Copies a 32-byte key.</summary>
    public static X25519PublicKey FromSpan(ReadOnlySpan<byte> bytes) =>
        TryCreate(bytes, out var key) ? key! : throw new ArgumentException($"An X25519 public key is {Size} bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>Parses standard base64 of 32 bytes.</summary>
    public static bool TryParseBase64(string? text, out X25519PublicKey? key)
    {
        key = null;
        Span<byte> buffer = stackalloc byte[Size + 3];
        return text is not null && Convert.TryFromBase64String(text, buffer, out var written) && TryCreate(buffer[..written], out key);
    }

    /// <summary>Standard base64, as in credentials files and the registry.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <summary>Same as <see cref="ToBase64"/>; a public key is not a secret.</summary>
    public override string ToString() => ToBase64();

    /// <inheritdoc />
    public bool Equals(X25519PublicKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as X25519PublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}

using System.Security.Cryptography;

namespace Broadcast.Protocol.Crypto;

/// <summary>An X25519 private scalar in managed memory, zeroed on dispose.</summary>
internal sealed class X25519Secret : IDisposable
{
    private readonly byte[] _bytes;

    public X25519Secret(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);

    public override string ToString() => "X25519Secret(redacted)";
}

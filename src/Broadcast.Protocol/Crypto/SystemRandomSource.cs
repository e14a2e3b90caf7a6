using System.Security.Cryptography;

namespace Broadcast.Protocol.Crypto;

/// <summary>The operating system's CSPRNG; the only source production code may use.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <summary>Shared instance; <see cref="RandomNumberGenerator.Fill"/> is thread-safe.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}

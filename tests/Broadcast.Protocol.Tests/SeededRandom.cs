using System.Buffers.Binary;
using System.Security.Cryptography;
using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Tests;

/// <summary>Deterministic byte stream: SHA-256(seed || counter) blocks. For tests only.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private ulong _counter;

    public void Fill(Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[12];
        Span<byte> block = stackalloc byte[32];
        while (!destination.IsEmpty)
        {
            BinaryPrimitives.WriteInt32BigEndian(input, seed);
            BinaryPrimitives.WriteUInt64BigEndian(input[4..], _counter++);
            SHA256.HashData(input, block);
            var n = Math.Min(block.Length, destination.Length);
            block[..n].CopyTo(destination);
            destination = destination[n..];
        }
    }
}

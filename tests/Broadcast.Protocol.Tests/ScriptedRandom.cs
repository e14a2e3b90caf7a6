using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Tests;

/// <summary>Hands out pre-set byte strings in order, so that handshakes and keys are reproducible.</summary>
public sealed class ScriptedRandom(params byte[][] chunks) : IRandomSource
{
    private readonly Queue<byte[]> _chunks = new(chunks);

    public void Fill(Span<byte> destination)
    {
        var chunk = _chunks.Dequeue();
        Assert.Equal(destination.Length, chunk.Length);
        chunk.CopyTo(destination);
    }
}

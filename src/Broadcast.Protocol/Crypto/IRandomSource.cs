namespace Broadcast.Protocol.Crypto;

/// <summary>
/// Source of the random bytes the protocol draws (ephemeral keys, session indexes, channel keys).
/// Production uses <see cref="SystemRandomSource"/>; tests inject a fixed source so that the worked
/// example of docs/protocol.md is reproducible byte for byte.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

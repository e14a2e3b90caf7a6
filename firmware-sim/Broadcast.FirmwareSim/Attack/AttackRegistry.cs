using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Broadcast.FirmwareSim.Attack;

/// <summary>
/// The simulator's own ledger of every datagram an attacker cluster sent (SHA-256 prefix of the exact bytes).
/// Honest clusters look up what they receive, so the report can say what they PLAYED from an attacker
/// (<c>playedFromAttackerMs</c>) whatever the audio sounds like. Not a protocol feature: no real endpoint has it.
/// </summary>
internal sealed class AttackRegistry
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<UInt128, long> _sent = new();

    /// <summary>True once an attacker has sent anything (honest clusters skip the lookup otherwise).</summary>
    public bool Active { get; private set; }

    public int Count => _sent.Count;

    public void Register(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        _sent[Key(datagram)] = now.Ticks;
        Active = true;
    }

    public bool Contains(ReadOnlySpan<byte> datagram) => Active && _sent.ContainsKey(Key(datagram));

    /// <summary>Forgets datagrams sent more than a minute ago (they are far outside every replay window).</summary>
    public void Prune(TimeSpan now)
    {
        var limit = (now - Keep).Ticks;
        foreach (var (key, at) in _sent)
        {
            if (at < limit)
            {
                _sent.TryRemove(key, out _);
            }
        }
    }

    private static UInt128 Key(ReadOnlySpan<byte> datagram)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(datagram, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}

namespace Broadcast.Protocol.Replay;

/// <summary>
/// Sliding anti-replay window over a 64-bit packet index: a ring of 1024 bits in 64-bit blocks, as in
/// RFC 6479 section 2 and WireGuard's counter validation. Indexes up to <see cref="WindowSize"/> behind the
/// highest one accepted are remembered; older ones are <see cref="ReplayCheck.TooOld"/>.
/// </summary>
/// <remarks>
/// Callers MUST call <see cref="Check"/> before authenticating and <see cref="TryUpdate"/> only after the
/// packet authenticated, so that forged packets cannot move the window (RFC 6479 section 3). Not thread-safe.
/// Allocation-free after construction.
/// </remarks>
public sealed class ReplayWindow
{
    private const int BlockBits = 64;
    private const int RingBlocks = 16;
    private const int RingBits = RingBlocks * BlockBits;

    /// <summary>Usable window: one block of the ring is the one being overwritten as the window slides (RFC 6479).</summary>
    public const int WindowSize = RingBits - BlockBits;

    private readonly ulong[] _ring = new ulong[RingBlocks];
    private ulong _highest;

    /// <summary>Highest index accepted so far (0 before any).</summary>
    public ulong Highest => _highest;

    /// <summary>Classifies <paramref name="index"/> without changing the window.</summary>
    public ReplayCheck Check(ulong index)
    {
        if (index > _highest)
        {
            return ReplayCheck.Fresh;
        }

        if (_highest - index >= WindowSize)
        {
            return ReplayCheck.TooOld;
        }

        var block = (int)((index / BlockBits) % RingBlocks);
        var bit = 1UL << (int)(index % BlockBits);
        return (_ring[block] & bit) != 0 ? ReplayCheck.Replayed : ReplayCheck.Fresh;
    }

    /// <summary>Records an authenticated index; returns false (and changes nothing) when it is not fresh.</summary>
    public bool TryUpdate(ulong index)
    {
        if (Check(index) != ReplayCheck.Fresh)
        {
            return false;
        }

        if (index > _highest)
        {
            var current = _highest / BlockBits;
            var target = index / BlockBits;
            var toClear = Math.Min(target - current, RingBlocks);
            for (ulong i = 1; i <= toClear; i++)
            {
                _ring[(int)((current + i) % RingBlocks)] = 0;
            }

            _highest = index;
        }

        _ring[(int)((index / BlockBits) % RingBlocks)] |= 1UL << (int)(index % BlockBits);
        return true;
    }

    /// <summary>Takes over the state of <paramref name="other"/> (used when the current key becomes the previous one).</summary>
    public void CopyFrom(ReplayWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        other._ring.CopyTo(_ring, 0);
        _highest = other._highest;
    }

    /// <summary>Forgets everything (new key, new index space).</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _highest = 0;
    }
}

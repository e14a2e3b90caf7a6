using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// Frames waiting for playout, keyed by RTP timestamp (one 20 ms Opus frame = 960 ticks). A ring of
/// <see cref="Capacity"/> slots: inserting in any order puts reordered frames back in sequence, duplicates and
/// frames whose slot was already played are dropped. Not thread-safe: the owning cluster serialises access.
/// </summary>
/// <remarks>Memory per cluster: slots hold payload arrays grown on demand (an 80-byte 32 kb/s frame needs 80 bytes).</remarks>
internal sealed class JitterBuffer
{
    /// <summary>Slots: 128 x 20 ms = 2.56 s, more than any adaptive delay (max 1 s) plus a controller's pre-roll.</summary>
    public const int Capacity = 128;

    private const int FrameTicks = OpusRtp.SamplesPer20Ms;
    private readonly byte[]?[] _payloads = new byte[]?[Capacity];
    private readonly int[] _lengths = new int[Capacity];
    private readonly uint[] _timestamps = new uint[Capacity];
    private readonly bool[] _filled = new bool[Capacity];
    private bool _inUnderrun;

    /// <summary>Frames buffered.</summary>
    public int Count { get; private set; }

    /// <summary>True once <see cref="Start"/> set a playout cursor.</summary>
    public bool Started { get; private set; }

    /// <summary>RTP timestamp of the next frame to play.</summary>
    public uint Next { get; private set; }

    /// <summary>Underrun episodes: times the buffer ran empty when a frame was due.</summary>
    public long Underruns { get; private set; }

    /// <summary>Buffered audio in ms.</summary>
    public int BufferedMs => Count * 20;

    /// <summary>Adds a frame.</summary>
    public JitterInsertResult Insert(uint timestamp, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > OpusRtp.MaxPayloadSize)
        {
            return JitterInsertResult.TooLarge;
        }

        if (Started)
        {
            var ahead = (int)(timestamp - Next);
            if (ahead < 0)
            {
                return JitterInsertResult.Late;
            }

            if (ahead / FrameTicks >= Capacity)
            {
                return JitterInsertResult.Overflow;
            }
        }
        else if (Count > 0 && TryGetEarliest(out var earliest) && Math.Abs((int)(timestamp - earliest)) / FrameTicks >= Capacity)
        {
            // Not started and far from what is held (a new stream): start over with this frame.
            Clear();
        }

        var slot = Slot(timestamp);
        if (_filled[slot])
        {
            if (_timestamps[slot] == timestamp)
            {
                return JitterInsertResult.Duplicate;
            }

            // An old frame Capacity slots back that never played: it is stale, the new one wins.
            Count--;
        }

        var buffer = _payloads[slot];
        if (buffer is null || buffer.Length < payload.Length)
        {
            buffer = new byte[Math.Max(payload.Length, 128)];
            _payloads[slot] = buffer;
        }

        payload.CopyTo(buffer);
        _lengths[slot] = payload.Length;
        _timestamps[slot] = timestamp;
        _filled[slot] = true;
        Count++;
        return JitterInsertResult.Accepted;
    }

    /// <summary>Earliest buffered timestamp.</summary>
    public bool TryGetEarliest(out uint timestamp)
    {
        timestamp = 0;
        var found = false;
        for (var i = 0; i < Capacity; i++)
        {
            if (_filled[i] && (!found || (int)(_timestamps[i] - timestamp) < 0))
            {
                timestamp = _timestamps[i];
                found = true;
            }
        }

        return found;
    }

    /// <summary>Sets the playout cursor at <paramref name="timestamp"/> and drops anything older.</summary>
    public void Start(uint timestamp)
    {
        Started = true;
        Next = timestamp;
        _inUnderrun = false;
        for (var i = 0; i < Capacity; i++)
        {
            if (_filled[i] && (int)(_timestamps[i] - timestamp) < 0)
            {
                _filled[i] = false;
                Count--;
            }
        }
    }

    /// <summary>Stops playout (stream ended or lost); frames stay until <see cref="Clear"/> or a restart.</summary>
    public void Stop()
    {
        Started = false;
        _inUnderrun = false;
    }

    /// <summary>Drops the earliest frame (too late to start with).</summary>
    public void DropEarliest()
    {
        if (TryGetEarliest(out var ts))
        {
            _filled[Slot(ts)] = false;
            Count--;
        }
    }

    /// <summary>Drops everything.</summary>
    public void Clear()
    {
        Array.Clear(_filled);
        Count = 0;
        Started = false;
        _inUnderrun = false;
    }

    /// <summary>Takes the frame at the cursor (if any) into <paramref name="destination"/> and advances the cursor.</summary>
    public JitterTakeResult TakeNext(Span<byte> destination, out int length)
    {
        length = 0;
        var slot = Slot(Next);
        var timestamp = Next;
        Next += FrameTicks;
        if (_filled[slot] && _timestamps[slot] == timestamp)
        {
            _filled[slot] = false;
            Count--;
            length = _lengths[slot];
            _payloads[slot].AsSpan(0, length).CopyTo(destination);
            EndUnderrun();
            return JitterTakeResult.Frame;
        }

        if (Count > 0)
        {
            EndUnderrun();
            return JitterTakeResult.Missing;
        }

        _inUnderrun = true;
        return JitterTakeResult.Empty;
    }

    // An underrun is counted when audio comes back after the buffer ran dry: the stream was interrupted. Running dry
    // at the end of a programme (before Stop arrives) is the stream ending, not an underrun.
    private void EndUnderrun()
    {
        if (_inUnderrun)
        {
            _inUnderrun = false;
            Underruns++;
        }
    }

    /// <summary>Copies the frame at <paramref name="timestamp"/> without taking it (for in-band FEC of the frame before).</summary>
    public bool TryPeek(uint timestamp, Span<byte> destination, out int length)
    {
        length = 0;
        var slot = Slot(timestamp);
        if (!_filled[slot] || _timestamps[slot] != timestamp)
        {
            return false;
        }

        length = _lengths[slot];
        _payloads[slot].AsSpan(0, length).CopyTo(destination);
        return true;
    }

    private static int Slot(uint timestamp) => (int)(timestamp / FrameTicks % Capacity);
}

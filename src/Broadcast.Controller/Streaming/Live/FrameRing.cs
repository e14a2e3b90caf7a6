namespace Broadcast.Controller.Streaming.Live;

/// <summary>
/// Encoded Opus frames between a live input's reader thread (the one producer) and the pacer thread (the one
/// consumer), in slots allocated once. The consumer never waits: an empty ring is a starved frame. The producer waits
/// for space when the ring is full, which holds back ffmpeg and, through the pipe and TCP flow control, the source.
/// </summary>
internal sealed class FrameRing : IDisposable
{
    /// <summary>Largest Opus frame (RFC 6716 section 3.2.1: 1275 bytes for a 20 ms frame).</summary>
    public const int SlotBytes = 1275;

    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly ManualResetEventSlim _space = new(false);
    private long _head; // next slot to read (consumer)
    private long _tail; // next slot to write (producer)

    public FrameRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _data = new byte[capacity * SlotBytes];
        _lengths = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>Frames waiting; exact on either side's thread, a snapshot elsewhere.</summary>
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Producer: appends a frame, or returns false when the ring is full.</summary>
    public bool TryWrite(ReadOnlySpan<byte> frame)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frame.Length, SlotBytes);
        var tail = _tail;
        if (tail - Volatile.Read(ref _head) >= Capacity)
        {
            return false;
        }

        var slot = (int)(tail % Capacity);
        frame.CopyTo(_data.AsSpan(slot * SlotBytes, SlotBytes));
        _lengths[slot] = frame.Length;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>Producer: waits until a slot is free, the timeout passes, or <paramref name="cancellationToken"/> fires.</summary>
    public bool WaitForSpace(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _space.Reset();
        if (Count < Capacity)
        {
            return true;
        }

        try
        {
            return _space.Wait(timeout, cancellationToken) || Count < Capacity;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Consumer: copies the oldest frame out, or returns false when the ring is empty.</summary>
    public bool TryRead(Span<byte> destination, out int length)
    {
        var head = _head;
        if (Volatile.Read(ref _tail) - head <= 0)
        {
            length = 0;
            return false;
        }

        var slot = (int)(head % Capacity);
        length = _lengths[slot];
        _data.AsSpan(slot * SlotBytes, length).CopyTo(destination);
        Volatile.Write(ref _head, head + 1);
        _space.Set();
        return true;
    }

    /// <summary>Consumer: drops up to <paramref name="count"/> of the oldest frames; returns how many it dropped.</summary>
    public int Skip(int count)
    {
        var head = _head;
        var dropped = (int)Math.Min(count, Volatile.Read(ref _tail) - head);
        if (dropped > 0)
        {
            Volatile.Write(ref _head, head + dropped);
            _space.Set();
        }

        return dropped;
    }

    public void Dispose() => _space.Dispose();
}

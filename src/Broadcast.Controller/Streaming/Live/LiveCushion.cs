using Broadcast.Controller.Metrics;

namespace Broadcast.Controller.Streaming.Live;

/// <summary>
/// The pacer's side of a live input (pacer thread only, never blocks or allocates). It plays nothing until the ring
/// holds a cushion, plays one frame per deadline after that, and falls back to refilling the cushion when the ring
/// runs dry. When nothing is due the pacer sends nothing: endpoints conceal a missing frame as they conceal network
/// loss (Opus PLC), which is smoother than a hard digital silence, and go quiet after a longer gap until frames
/// return. Latency control: the lowest level the ring reached over a window is audio that was never needed (a burst
/// at connect, a source clock running fast); when it exceeds the cushion it is dropped in one skip.
/// </summary>
internal sealed class LiveCushion(FrameRing ring, int cushionFrames, BroadcastMetrics metrics)
{
    /// <summary>5 s: long enough that the level's low point reflects the input's jitter, short enough to catch a burst early.</summary>
    public const int WindowFrames = 250;

    /// <summary>Excess tolerated without a skip (60 ms): ffmpeg delivers ~50 ms at a time, so the low point wanders by that much.</summary>
    public const int SlackFrames = 3;

    private bool _buffering = true;
    private int _windowLow = int.MaxValue;
    private int _windowFrames;
    private long _starved;
    private long _skipped;
    private volatile bool _flush;

    public int CushionFrames { get; } = cushionFrames;

    /// <summary>Deadlines at which nothing was sent: connecting, refilling the cushion, or the input down.</summary>
    public long Starved => Interlocked.Read(ref _starved);

    /// <summary>Frames dropped to bring the latency back to the cushion.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Any thread: drop what is buffered at the next read and refill the cushion (a resume must not play stale audio).</summary>
    public void RequestFlush() => _flush = true;

    public FrameRead Read(Span<byte> destination, out int length)
    {
        length = 0;
        if (_flush)
        {
            _flush = false;
            ring.Skip(int.MaxValue);
            _buffering = true;
        }

        var level = ring.Count;
        if (_buffering)
        {
            if (level < CushionFrames)
            {
                return Starve();
            }

            _buffering = false;
            _windowLow = int.MaxValue;
            _windowFrames = 0;
        }

        _windowLow = Math.Min(_windowLow, level);
        if (++_windowFrames >= WindowFrames)
        {
            if (_windowLow > CushionFrames + SlackFrames)
            {
                Interlocked.Add(ref _skipped, ring.Skip(_windowLow - CushionFrames));
            }

            _windowLow = int.MaxValue;
            _windowFrames = 0;
        }

        if (!ring.TryRead(destination, out length))
        {
            _buffering = true;
            return Starve();
        }

        return FrameRead.Frame;
    }

    private FrameRead Starve()
    {
        Interlocked.Increment(ref _starved);
        metrics.LiveFrameStarved();
        return FrameRead.Starved;
    }
}

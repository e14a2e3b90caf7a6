namespace Broadcast.Controller.Streaming;

/// <summary>
/// Frame deadlines of a pacer: frame n is due at start + n x 20 ms, computed from n each time (never by adding 20 ms
/// to the previous deadline) so rounding cannot accumulate: the drift after an hour is the clock's, not ours.
/// </summary>
internal readonly record struct PacerSchedule(long StartTimestamp, long Frequency)
{
    public const int FrameMilliseconds = 20;
    public const int FramesPerSecond = 1000 / FrameMilliseconds;

    /// <summary>Monotonic timestamp at which frame <paramref name="frame"/> is due (floor; at most one tick early, never cumulative).</summary>
    public long DeadlineOf(long frame) => StartTimestamp + (frame * Frequency / FramesPerSecond);

    /// <summary>The frame whose 20 ms slot holds <paramref name="timestamp"/> (floor; negative before frame 0).</summary>
    public long FrameAt(long timestamp)
    {
        var elapsed = timestamp - StartTimestamp;
        return elapsed >= 0 ? elapsed * FramesPerSecond / Frequency : -((-elapsed * FramesPerSecond) + Frequency - 1) / Frequency;
    }

    /// <summary>Exact nominal offset of frame <paramref name="frame"/> from frame 0.</summary>
    public static TimeSpan NominalOffset(long frame) => TimeSpan.FromMilliseconds(frame * FrameMilliseconds);

    /// <summary>How late <paramref name="now"/> is for frame <paramref name="frame"/>, in ms (negative: early).</summary>
    public double LatenessMilliseconds(long frame, long now) => (now - DeadlineOf(frame)) * 1000.0 / Frequency;

    /// <summary>RTP timestamp of frame <paramref name="frame"/> (48 kHz, +960 per frame, wrapping at 2^32 as RFC 3550 allows).</summary>
    public static uint RtpTimestampOf(long frame) => unchecked((uint)(frame * 960));
}

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// The simulator's shared time base: output sample positions (48 kHz) counted from the simulator's start on the
/// monotonic clock, and the conversion of controller wall-clock instants into that base. Wall clocks of controller
/// and simulator are assumed synchronised (same host, or NTP as real endpoints use); the wall clock is read once,
/// at start, so later wall-clock steps do not move playout.
/// </summary>
internal sealed class SimClock
{
    public const int SampleRate = 48_000;
    private readonly long _startTimestamp;

    public SimClock(TimeProvider time)
    {
        Time = time;
        _startTimestamp = time.GetTimestamp();
        StartWall = time.GetUtcNow();
    }

    public TimeProvider Time { get; }

    /// <summary>Wall-clock time of sample 0.</summary>
    public DateTimeOffset StartWall { get; }

    /// <summary>Time since start on the monotonic clock.</summary>
    public TimeSpan Elapsed => Time.GetElapsedTime(_startTimestamp);

    /// <summary>Current output sample position.</summary>
    public long NowSample => (long)(Elapsed.Ticks * (double)SampleRate / TimeSpan.TicksPerSecond);

    /// <summary>Local wall-clock estimate now (start wall time plus monotonic elapsed).</summary>
    public DateTimeOffset NowWall => StartWall + Elapsed;

    /// <summary>Sample position of a wall-clock instant.</summary>
    public double SampleOf(DateTimeOffset wall) => (wall - StartWall).Ticks * (double)SampleRate / TimeSpan.TicksPerSecond;
}

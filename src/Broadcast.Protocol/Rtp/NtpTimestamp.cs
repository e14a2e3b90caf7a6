namespace Broadcast.Protocol.Rtp;

/// <summary>64-bit NTP timestamp (RFC 5905 section 6): seconds since 1900-01-01 UTC in the high 32 bits, fraction in the low.</summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Converts a wall-clock time (from <see cref="TimeProvider.GetUtcNow"/>) to NTP format.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var remainder = (ulong)(ticks % TimeSpan.TicksPerSecond);
        var fraction = (remainder << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>Converts back to wall-clock time (100 ns resolution).</summary>
    public static DateTimeOffset ToDateTimeOffset(ulong ntp)
    {
        var seconds = (long)(ntp >> 32);
        var fraction = ntp & 0xFFFF_FFFF;
        var ticks = (long)((fraction * TimeSpan.TicksPerSecond) >> 32);
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + ticks);
    }
}

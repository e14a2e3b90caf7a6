using System.Buffers.Binary;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// TAI64N label (12 bytes: 8-byte TAI64 seconds = 2^62 + Unix seconds, then 4-byte nanoseconds, big-endian),
/// as WireGuard's handshake timestamp (WireGuard paper section 5.1). Leap seconds are ignored (the label
/// only needs to be monotonic per endpoint, not exact TAI).
/// </summary>
public readonly record struct Tai64N(ulong Seconds, uint Nanoseconds) : IComparable<Tai64N>
{
    /// <summary>Encoded size.</summary>
    public const int Size = 12;

    private const ulong Tai64Base = 1UL << 62;

    /// <summary>From wall-clock time.</summary>
    public static Tai64N FromDateTimeOffset(DateTimeOffset time)
    {
        var unixTicks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(unixTicks, TimeSpan.TicksPerSecond, out var rest);
        return new Tai64N(Tai64Base + (ulong)seconds, (uint)(rest * 100));
    }

    /// <summary>Back to wall-clock time.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks((((long)(Seconds - Tai64Base)) * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));

    /// <summary>The next representable label (one nanosecond later).</summary>
    public Tai64N Next() => Nanoseconds >= 999_999_999 ? new Tai64N(Seconds + 1, 0) : this with { Nanoseconds = Nanoseconds + 1 };

    /// <summary>Reads 12 bytes; refuses nanoseconds above 999 999 999.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out Tai64N value, out int consumed)
    {
        value = default;
        consumed = 0;
        if (source.Length < Size)
        {
            return false;
        }

        var nanos = BinaryPrimitives.ReadUInt32BigEndian(source[8..]);
        if (nanos > 999_999_999)
        {
            return false;
        }

        value = new Tai64N(BinaryPrimitives.ReadUInt64BigEndian(source), nanos);
        consumed = Size;
        return true;
    }

    /// <summary>Writes 12 bytes.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, Seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Nanoseconds);
        written = Size;
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Tai64N other) =>
        Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Ordering.</summary>
    public static bool operator <(Tai64N left, Tai64N right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(Tai64N left, Tai64N right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Tai64N left, Tai64N right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Tai64N left, Tai64N right) => left.CompareTo(right) >= 0;
}

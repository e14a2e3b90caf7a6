namespace Broadcast.Controller.Metrics;

/// <summary>
/// Lock-free fixed-bucket histogram of pacer lateness for the API's p50/p99/max. Buckets of 10 us up to 100 ms
/// (10 000 counters, 80 KB): finer than Thread.Sleep's ~1 ms granularity, wide enough for a stalled machine.
/// </summary>
internal sealed class LatenessHistogram
{
    public const double BucketMicroseconds = 10;

    /// <summary>Length of the array <see cref="CopyTo"/> fills: the buckets plus one for 100 ms and more.</summary>
    public const int Length = BucketCount + 1;

    private const int BucketCount = 10_000;
    private readonly long[] _buckets = new long[Length];
    private long _count;
    private long _maxMicroseconds;

    public long Count => Interlocked.Read(ref _count);

    public void Record(double lateMilliseconds)
    {
        var micros = (long)Math.Max(0, lateMilliseconds * 1000);
        var bucket = (int)Math.Min(BucketCount, micros / (long)BucketMicroseconds);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _maxMicroseconds)) && Interlocked.CompareExchange(ref _maxMicroseconds, micros, seen) != seen)
        {
        }
    }

    /// <summary>Upper edge of the bucket holding quantile <paramref name="q"/>, in ms; 0 when empty.</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i <= BucketCount; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return i == BucketCount ? MaxMilliseconds : (i + 1) * BucketMicroseconds / 1000;
            }
        }

        return MaxMilliseconds;
    }

    public double MaxMilliseconds => Interlocked.Read(ref _maxMicroseconds) / 1000.0;

    /// <summary>Copies the bucket counts into <paramref name="destination"/> (<see cref="Length"/> long); returns their sum.</summary>
    public long CopyTo(long[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        long total = 0;
        for (var i = 0; i < Length; i++)
        {
            total += destination[i] = Interlocked.Read(ref _buckets[i]);
        }

        return total;
    }

    /// <summary>
    /// Quantile <paramref name="q"/> of the frames recorded between two copies (<paramref name="before"/> and
    /// <paramref name="after"/>), in ms (upper bucket edge; 100 ms stands for "100 ms or more"); 0 when none were.
    /// </summary>
    public static double QuantileBetween(long[] before, long[] after, double q)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        long total = 0;
        for (var i = 0; i < Length; i++)
        {
            total += after[i] - before[i];
        }

        if (total <= 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < Length; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketMicroseconds / 1000;
            }
        }

        return BucketCount * BucketMicroseconds / 1000;
    }
}

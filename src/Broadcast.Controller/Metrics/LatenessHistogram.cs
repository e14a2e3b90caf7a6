namespace Broadcast.Controller.Metrics;

/// <summary>
/// Lock-free fixed-bucket histogram of pacer lateness for the API's p50/p99/max. Buckets of 10 us up to 100 ms
/// (10 000 counters, 80 KB): finer than Thread.Sleep's ~1 ms granularity, wide enough for a stalled machine.
/// </summary>
internal sealed class LatenessHistogram
{
    public const double BucketMicroseconds = 10;
    private const int BucketCount = 10_000;
    private readonly long[] _buckets = new long[BucketCount + 1];
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

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i <= BucketCount; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= Math.Max(1, rank))
            {
                return i == BucketCount ? MaxMilliseconds : (i + 1) * BucketMicroseconds / 1000;
            }
        }

        return MaxMilliseconds;
    }

    public double MaxMilliseconds => Interlocked.Read(ref _maxMicroseconds) / 1000.0;
}

using System.Numerics;

namespace Broadcast.IntegrationTests.Audio;

/// <summary>Normalised cross-correlation of recordings with a reference (SIMD: 300 clusters x thousands of lags).</summary>
internal static class CrossCorrelation
{
    // Partial sums in float over at most this many samples, then in double: long programmes lose no precision.
    private const int Chunk = 4096;

    /// <summary>sum(ab) / sqrt(sum(aa) sum(bb)); 0 when either side is silent.</summary>
    public static double Normalised(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        double ab = 0, aa = 0, bb = 0;
        for (var start = 0; start < n; start += Chunk)
        {
            var len = Math.Min(Chunk, n - start);
            var (x, y, z) = Sums(a.Slice(start, len), b.Slice(start, len));
            ab += x;
            aa += y;
            bb += z;
        }

        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    /// <summary>
    /// The lag in [<paramref name="minLag"/>, <paramref name="maxLag"/>] at which
    /// <c>reference[offset .. offset + window]</c> best matches <c>recording[origin + offset + lag ..]</c>.
    /// </summary>
    public static (double Corr, int Lag) BestLag(float[] reference, float[] recording, long origin, int offset, int window, int minLag, int maxLag)
    {
        var best = double.NegativeInfinity;
        var bestLag = minLag;
        var a = reference.AsSpan(offset, window);
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            var start = origin + offset + lag;
            if (start < 0 || start + window > recording.Length)
            {
                continue;
            }

            var c = Normalised(a, recording.AsSpan((int)start, window));
            if (c > best)
            {
                best = c;
                bestLag = lag;
            }
        }

        return (best, bestLag);
    }

    private static (double Ab, double Aa, double Bb) Sums(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var vab = Vector<float>.Zero;
        var vaa = Vector<float>.Zero;
        var vbb = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var x = new Vector<float>(a[i..]);
            var y = new Vector<float>(b[i..]);
            vab += x * y;
            vaa += x * x;
            vbb += y * y;
        }

        double ab = Vector.Sum(vab), aa = Vector.Sum(vaa), bb = Vector.Sum(vbb);
        for (; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return (ab, aa, bb);
    }
}

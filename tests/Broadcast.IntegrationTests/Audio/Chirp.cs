namespace Broadcast.IntegrationTests.Audio;

/// <summary>
/// A slow linear chirp is a clock you can hear: its frequency at any instant says how far into the signal that
/// instant is. <see cref="Locate"/> reads a recording's position from its zero crossings (to about 70 ms), then
/// finds the exact sample by cross-correlation around it, with no search over the whole signal.
/// </summary>
internal static class Chirp
{
    public const int Rate = 48_000;
    public const double StartHz = 300;

    /// <summary>Hz per second: 300 Hz to 3.3 kHz over 40 s, inside the band a 32 kb/s voice codec keeps.</summary>
    public const double HzPerSecond = 75;

    public static float[] Create(double seconds, double amplitudeDbfs = -12)
    {
        var a = Math.Pow(10, amplitudeDbfs / 20);
        var x = new float[(int)(seconds * Rate)];
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / Rate;
            x[i] = (float)(a * Math.Sin(2 * Math.PI * ((StartHz * t) + (HzPerSecond * t * t / 2))));
        }

        return x;
    }

    /// <summary>
    /// The sample of <paramref name="reference"/> (a chirp made by <see cref="Create"/>, possibly decoded) that plays
    /// at recording sample <paramref name="at"/>, and the correlation of <paramref name="window"/> samples there.
    /// </summary>
    public static (long ReferenceSample, double Correlation) Locate(float[] reference, float[] recording, long at, int window = Rate / 2)
    {
        // Coarse: the frequency over 100 ms from the zero-crossing count, then where the chirp has that frequency.
        const int probe = Rate / 10;
        var crossings = 0;
        for (var i = at + 1; i < at + probe; i++)
        {
            if ((recording[i - 1] < 0) != (recording[i] < 0))
            {
                crossings++;
            }
        }

        var hz = crossings / 2.0 / ((double)probe / Rate);
        var coarse = (long)(((hz - StartHz) / HzPerSecond * Rate) - (probe / 2));

        // Fine: +-150 ms around it, sample by sample.
        const int span = Rate * 150 / 1000;
        var best = double.NegativeInfinity;
        var bestAt = coarse;
        var recorded = recording.AsSpan((int)at, window);
        for (var q = coarse - span; q <= coarse + span; q++)
        {
            if (q < 0 || q + window > reference.Length)
            {
                continue;
            }

            var c = CrossCorrelation.Normalised(reference.AsSpan((int)q, window), recorded);
            if (c > best)
            {
                best = c;
                bestAt = q;
            }
        }

        return (bestAt, best);
    }

    /// <summary>Longest run of samples under -60 dBFS: a chirp is never that quiet, so such a run is a gap.</summary>
    public static int LongestQuietRun(ReadOnlySpan<float> samples)
    {
        int longest = 0, run = 0;
        foreach (var s in samples)
        {
            run = Math.Abs(s) < 1e-3f ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>Root mean square of a span, linear.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += s * s;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }
}

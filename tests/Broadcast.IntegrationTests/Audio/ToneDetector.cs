namespace Broadcast.IntegrationTests.Audio;

/// <summary>
/// Goertzel power of one frequency per frame: tells which of several test tones (300 Hz district, 1 kHz emergency)
/// a cluster was playing, frame by frame, with no FFT. A frame "holds" a tone when that tone carries most of the
/// frame's energy and the frame is not near-silent.
/// </summary>
internal static class ToneDetector
{
    public const int Rate = 48_000;

    /// <summary>Frames of 20 ms analysed every 5 ms: onset times to 5 ms.</summary>
    public const int Window = 960;

    public const int Hop = 240;

    /// <summary>Mean power of <paramref name="frequency"/> in <paramref name="x"/>, comparable with the mean square of x.</summary>
    public static double Power(ReadOnlySpan<float> x, double frequency)
    {
        var w = 2 * Math.PI * frequency / Rate;
        var coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var v in x)
        {
            var s0 = v + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        var power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);

        // A sine of amplitude A gives |X|^2 = (A N / 2)^2; its mean square is A^2 / 2: scale so the two compare.
        return 2 * power / ((double)x.Length * x.Length);
    }

    /// <summary>
    /// Which of <paramref name="tones"/> the window starting at <paramref name="start"/> holds: its index, or -1 for
    /// silence (RMS under -40 dBFS) or anything else (no tone above half the frame's energy).
    /// </summary>
    public static int Classify(float[] recording, long start, IReadOnlyList<double> tones)
    {
        if (start < 0 || start + Window > recording.Length)
        {
            return -1;
        }

        var x = recording.AsSpan((int)start, Window);
        double energy = 0;
        foreach (var v in x)
        {
            energy += v * v;
        }

        energy /= Window;
        if (energy < 1e-4)
        {
            return -1;
        }

        for (var i = 0; i < tones.Count; i++)
        {
            if (Power(x, tones[i]) > 0.5 * energy)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Start of the first window at or after <paramref name="from"/> (before <paramref name="to"/>) holding tone <paramref name="index"/>, or null.</summary>
    public static long? FirstFrame(float[] recording, long from, long to, IReadOnlyList<double> tones, int index)
    {
        for (var s = from; s + Window <= to; s += Hop)
        {
            if (Classify(recording, s, tones) == index)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Counts windows in [from, to) by class: one count per tone, then "other or silent" last.</summary>
    public static int[] Census(float[] recording, long from, long to, IReadOnlyList<double> tones)
    {
        var counts = new int[tones.Count + 1];
        for (var s = from; s + Window <= to; s += Hop)
        {
            var c = Classify(recording, s, tones);
            counts[c < 0 ? tones.Count : c]++;
        }

        return counts;
    }
}

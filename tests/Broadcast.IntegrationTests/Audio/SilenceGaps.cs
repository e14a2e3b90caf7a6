namespace Broadcast.IntegrationTests.Audio;

/// <summary>
/// Gaps in a recording: stretches where the cluster played silence while the programme had audio. Judged in 5 ms
/// blocks so that the quiet troughs of a speech-like programme (its reference is silent there too) are no gap, and
/// concealment (quiet but not silent) is not mistaken for one.
/// </summary>
internal static class SilenceGaps
{
    public const int Block = 240;

    /// <summary>Recording blocks under this RMS (-60 dBFS) are silent.</summary>
    private const double SilentMeanSquare = 1e-6;

    /// <summary>Reference blocks over this RMS (-40 dBFS) hold audio.</summary>
    private const double AudibleMeanSquare = 1e-4;

    /// <summary>
    /// Longest run of silent recording blocks (in samples) holding at least one block where the reference has audio,
    /// over reference samples <paramref name="from"/> to <paramref name="to"/>; reference sample 0 plays at
    /// recording sample <paramref name="start"/>.
    /// </summary>
    public static int Longest(float[] reference, float[] recording, long start, int from, int to)
    {
        int longest = 0, run = 0;
        var runHasAudio = false;
        for (var f = from; f + Block <= to; f += Block)
        {
            var at = start + f;
            var silent = at < 0 || at + Block > recording.Length || MeanSquare(recording.AsSpan((int)at, Block)) < SilentMeanSquare;
            if (!silent)
            {
                run = 0;
                runHasAudio = false;
                continue;
            }

            run += Block;
            runHasAudio |= MeanSquare(reference.AsSpan(f, Block)) >= AudibleMeanSquare;
            if (runHasAudio)
            {
                longest = Math.Max(longest, run);
            }
        }

        return longest;
    }

    private static double MeanSquare(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return sum / x.Length;
    }
}

namespace Broadcast.IntegrationTests.Audio;

/// <summary>
/// How one cluster's recording matches the programme's local decode: the lag (samples after the nominal playout
/// start) at which it plays, the correlation over the whole programme at that lag, and the worst 20 ms frame.
/// A gap (silence, an underrun, concealment after a lost frame) shows as a frame that no longer follows the
/// reference: a lossless path decodes the same packets with the same decoder, so every frame matches closely.
/// </summary>
internal sealed record ProgrammeMatch(string Id, int Lag, double Correlation, double WorstFrameCorrelation, int WorstFrame, int LongestZeroRun)
{
    private const int Frame = 960;

    /// <summary>Lags searched around the nominal start: the codec's pre-skip (6.5 ms) plus generous margins.</summary>
    public const int MinLag = -20 * 48;

    public const int MaxLag = 40 * 48;

    /// <summary>Samples compared per lag when aligning (100 ms).</summary>
    public const int AlignWindow = 4_800;

    /// <summary>Frames quieter than this in the reference (-40 dBFS RMS) are not judged frame by frame.</summary>
    private const double QuietMeanSquare = 1e-4;

    /// <summary>
    /// Aligns <paramref name="recording"/> with <paramref name="reference"/> whose sample 0 should play at
    /// <paramref name="origin"/>; judges the programme from <paramref name="from"/> to <paramref name="to"/> (reference samples).
    /// </summary>
    public static ProgrammeMatch Measure(string id, float[] reference, float[] recording, long origin, int from, int to)
    {
        // Alignment on 0.1 s of noise-like programme 1 s in (its correlation peak is one lag wide), then the whole
        // programme at that lag. Longer windows cost seconds over 300 clusters and find the same lag.
        var (_, lag) = CrossCorrelation.BestLag(reference, recording, origin, Math.Min(from + 48_000, to - AlignWindow), AlignWindow, MinLag, MaxLag);
        var start = origin + lag;
        var end = (int)Math.Min(to, recording.Length - start);
        if (start < 0 || end <= from)
        {
            return new ProgrammeMatch(id, lag, 0, 0, 0, to - from);
        }

        var whole = CrossCorrelation.Normalised(reference.AsSpan(from, end - from), recording.AsSpan((int)(start + from), end - from));
        var worst = 1.0;
        var worstFrame = -1;
        for (var f = from; f + Frame <= end; f += Frame)
        {
            var r = reference.AsSpan(f, Frame);
            double energy = 0;
            foreach (var v in r)
            {
                energy += v * v;
            }

            if (energy / Frame < QuietMeanSquare)
            {
                continue;
            }

            var c = CrossCorrelation.Normalised(r, recording.AsSpan((int)(start + f), Frame));
            if (c < worst)
            {
                worst = c;
                worstFrame = f / Frame;
            }
        }

        return new ProgrammeMatch(id, lag, whole, worst, worstFrame, ZeroRun(recording.AsSpan((int)(start + from), end - from)));
    }

    /// <summary>
    /// Per 20 ms frame of the reference from <paramref name="firstFrame"/> to <paramref name="endFrame"/>: its
    /// correlation with the recording played from <paramref name="start"/> (reference sample 0); 1 for quiet frames.
    /// </summary>
    public static double[] FrameCorrelations(float[] reference, float[] recording, long start, int firstFrame, int endFrame)
    {
        var result = new double[Math.Max(0, endFrame - firstFrame)];
        for (var f = firstFrame; f < endFrame; f++)
        {
            var r = reference.AsSpan(f * Frame, Frame);
            double energy = 0;
            foreach (var v in r)
            {
                energy += v * v;
            }

            var at = start + ((long)f * Frame);
            result[f - firstFrame] = energy / Frame < QuietMeanSquare ? 1
                : at < 0 || at + Frame > recording.Length ? 0
                : CrossCorrelation.Normalised(r, recording.AsSpan((int)at, Frame));
        }

        return result;
    }

    /// <summary>Longest run of exact digital silence (what the player writes when it has nothing to play).</summary>
    public static int ZeroRun(ReadOnlySpan<float> samples)
    {
        int longest = 0, run = 0;
        foreach (var s in samples)
        {
            run = s == 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}

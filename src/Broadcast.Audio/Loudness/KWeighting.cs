namespace Broadcast.Audio.Loudness;

/// <summary>
/// The two stages of the BS.1770-4 K-weighting filter (Annex 1, Figures 1-4): a high-shelf "pre-filter" modelling
/// the acoustic effect of the head, and the RLB high-pass.
/// </summary>
internal static class KWeighting
{
    /// <summary>Stage 1 at 48 kHz, BS.1770-4 Table 1 (the values the standard prints, used as-is at 48 kHz).</summary>
    private static readonly BiquadCoefficients PreFilter48K = new(
        1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585);

    /// <summary>Stage 2 at 48 kHz, BS.1770-4 Table 2.</summary>
    private static readonly BiquadCoefficients RlbHighPass48K = new(1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621);

    /// <summary>Stage 1 for <paramref name="sampleRate"/>: the table at 48 kHz, else the analogue prototype behind it
    /// (f0, gain, Q fitted by libebur128 to reproduce Table 1) through the bilinear transform.</summary>
    public static BiquadCoefficients PreFilter(int sampleRate)
    {
        if (sampleRate == 48000)
        {
            return PreFilter48K;
        }

        const double F0 = 1681.974450955533;
        const double GainDb = 3.999843853973347;
        const double Q = 0.7071752369554196;
        var k = Math.Tan(Math.PI * F0 / sampleRate);
        var vh = Math.Pow(10.0, GainDb / 20.0);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1.0 + (k / Q) + (k * k);
        return new BiquadCoefficients(
            (vh + (vb * k / Q) + (k * k)) / a0,
            2.0 * ((k * k) - vh) / a0,
            (vh - (vb * k / Q) + (k * k)) / a0,
            2.0 * ((k * k) - 1.0) / a0,
            (1.0 - (k / Q) + (k * k)) / a0);
    }

    /// <summary>Stage 2 for <paramref name="sampleRate"/>, as <see cref="PreFilter"/> does for stage 1.</summary>
    public static BiquadCoefficients RlbHighPass(int sampleRate)
    {
        if (sampleRate == 48000)
        {
            return RlbHighPass48K;
        }

        const double F0 = 38.13547087602444;
        const double Q = 0.5003270373238773;
        var k = Math.Tan(Math.PI * F0 / sampleRate);
        var a0 = 1.0 + (k / Q) + (k * k);
        return new BiquadCoefficients(1.0, -2.0, 1.0, 2.0 * ((k * k) - 1.0) / a0, (1.0 - (k / Q) + (k * k)) / a0);
    }
}

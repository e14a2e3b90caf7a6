using Broadcast.Audio.Loudness;

namespace Broadcast.Audio.Pipeline;

/// <summary>How much gain a programme gets and whether the peak limiter is needed to stay under the ceiling.</summary>
internal static class GainPlanner
{
    public static (double GainDb, bool UseLimiter, bool PeakLimited, bool Silent) Plan(LoudnessMeter source, ProgrammeEncoderOptions options)
    {
        var basic = LoudnessNormalizer.Plan(source.IntegratedLufs, source.TruePeakDbtp, options.TargetLufs, options.MaxTruePeakDbtp);
        if (basic.Silent || !basic.PeakLimited || options.MaxLimiterReductionDb <= 0)
        {
            return (basic.GainDb, false, basic.PeakLimited, basic.Silent);
        }

        // Reach the target and let the limiter take the peaks down, but only up to MaxLimiterReductionDb: beyond that
        // the "peaks" are clicks or a broken recording, and squashing them harder would be audible. Then the gain is
        // capped instead and the programme is reported as peak-limited (below target).
        var full = options.TargetLufs - source.IntegratedLufs;
        var reduction = source.TruePeakDbtp + full - options.MaxTruePeakDbtp;
        var gain = reduction > options.MaxLimiterReductionDb ? full - (reduction - options.MaxLimiterReductionDb) : full;
        return (gain, true, reduction > options.MaxLimiterReductionDb, false);
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace Broadcast.Audio.Loudness;

/// <summary>Plans and applies the static gain that brings a measured programme to the loudness target (EBU R128 style).</summary>
public static class LoudnessNormalizer
{
    /// <summary>Default target: -16 LUFS, the common level for speech over loudspeakers and streaming (AES TD1004).</summary>
    public const double DefaultTargetLufs = -16.0;

    /// <summary>Default ceiling: -1 dBTP (EBU R128 s1 for lossy delivery; Opus can overshoot the input peak).</summary>
    public const double DefaultMaxTruePeakDbtp = -1.0;

    /// <summary>Below the BS.1770 absolute gate there is nothing to measure, only noise.</summary>
    private const double SilenceLufs = -70.0;

    /// <summary>
    /// gain = target - integrated, reduced so that truePeak + gain &lt;= maxTruePeak. Silence (integrated -infinity,
    /// NaN or below -70 LUFS) gets 0 dB and <see cref="NormalizationPlan.Silent"/>.
    /// </summary>
    public static NormalizationPlan Plan(
        double integratedLufs,
        double truePeakDbtp,
        double targetLufs = DefaultTargetLufs,
        double maxTruePeakDbtp = DefaultMaxTruePeakDbtp)
    {
        if (double.IsNaN(integratedLufs) || integratedLufs < SilenceLufs)
        {
            return new NormalizationPlan(0, PeakLimited: false, Silent: true, integratedLufs, truePeakDbtp);
        }

        var gain = targetLufs - integratedLufs;
        var limited = false;
        if (truePeakDbtp + gain > maxTruePeakDbtp)
        {
            gain = maxTruePeakDbtp - truePeakDbtp;
            limited = true;
        }

        return new NormalizationPlan(gain, limited, Silent: false, integratedLufs + gain, truePeakDbtp + gain);
    }

    /// <summary><see cref="Plan(double, double, double, double)"/> from a meter's figures.</summary>
    public static NormalizationPlan Plan(
        LoudnessMeter meter,
        double targetLufs = DefaultTargetLufs,
        double maxTruePeakDbtp = DefaultMaxTruePeakDbtp)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return Plan(meter.IntegratedLufs, meter.TruePeakDbtp, targetLufs, maxTruePeakDbtp);
    }

    /// <summary>Linear factor for a gain in dB.</summary>
    public static float ToLinear(double gainDb) => (float)Math.Pow(10, gainDb / 20);

    /// <summary>Multiplies <paramref name="samples"/> in place by the linear <paramref name="gain"/>, vectorised.</summary>
    public static void ApplyGain(Span<float> samples, float gain)
    {
        if (gain == 1f)
        {
            return;
        }

        var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var g = new Vector<float>(gain);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] *= g;
        }

        for (var i = vectors.Length * Vector<float>.Count; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}

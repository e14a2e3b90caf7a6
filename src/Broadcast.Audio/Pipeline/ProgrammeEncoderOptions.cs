using Broadcast.Audio.Codec;

namespace Broadcast.Audio.Pipeline;

/// <summary>Settings of one programme encode: loudness target, Opus settings, tags and resource limits.</summary>
public sealed class ProgrammeEncoderOptions
{
    /// <summary>Integrated loudness to normalise to, in LUFS (EBU R128 broadcast practice for speech on small speakers: -16).</summary>
    public double TargetLufs { get; init; } = -16;

    /// <summary>Ceiling for the true peak after normalisation, in dBTP (EBU R128 s1 recommends -1 for lossy delivery).</summary>
    public double MaxTruePeakDbtp { get; init; } = -1;

    /// <summary>
    /// Most gain reduction the look-ahead peak limiter may apply so quiet, peaky speech still reaches the target
    /// (0 turns the limiter off: the gain is then capped at the true-peak ceiling instead).
    /// </summary>
    public double MaxLimiterReductionDb { get; init; } = 9;

    /// <summary>libopus settings; the defaults suit speech over weak 4G links.</summary>
    public OpusEncoderSettings Opus { get; init; } = new();

    /// <summary>TITLE tag of the output; the source file name when null.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// Decoded audio kept in memory between the measuring and the encoding pass. 1 GiB holds 93 minutes of 48 kHz mono;
    /// a longer programme is decoded a second time instead of being held.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>Encoder threads for programmes held in memory; the default uses every core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its range.</summary>
    public void Validate()
    {
        if (TargetLufs is < -40 or > -5 || double.IsNaN(TargetLufs))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetLufs), TargetLufs, "target loudness must be between -40 and -5 LUFS");
        }

        if (MaxTruePeakDbtp is < -12 or > 0 || double.IsNaN(MaxTruePeakDbtp))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTruePeakDbtp), MaxTruePeakDbtp, "true-peak ceiling must be between -12 and 0 dBTP");
        }

        if (MaxLimiterReductionDb is < 0 or > 20 || double.IsNaN(MaxLimiterReductionDb))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLimiterReductionDb), MaxLimiterReductionDb, "limiter reduction must be between 0 and 20 dB");
        }

        if (MemoryBudgetBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), MemoryBudgetBytes, "memory budget cannot be negative");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "parallelism must be at least 1");
        }

        Opus.Validate();
    }
}

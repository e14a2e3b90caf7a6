namespace Broadcast.Audio.Codec;

/// <summary>Encoder settings for broadcast streams; <see cref="Validate"/> names the setting that is out of range.</summary>
public sealed record OpusEncoderSettings
{
    /// <summary>Lowest accepted bitrate, bits/s: below this even SILK narrowband speech breaks up.</summary>
    public const int MinBitrate = 6000;

    /// <summary>Highest accepted bitrate, bits/s: mono speech gains nothing audible above this.</summary>
    public const int MaxBitrate = 128000;

    /// <summary>Target bitrate in bits per second (6000..128000).</summary>
    public int Bitrate { get; init; } = 32000;

    /// <summary>Encoder complexity 0..10; 10 is best quality and still far faster than real time for mono.</summary>
    public int Complexity { get; init; } = 10;

    /// <summary>Frame duration in milliseconds: 2.5, 5, 10, 20, 40 or 60 (RFC 6716 §2.1.4).</summary>
    public double FrameDurationMs { get; init; } = 20;

    /// <summary>Embed low-bitrate redundancy for the previous frame (SILK LBRR), recoverable with decodeFec.</summary>
    public bool InBandFec { get; init; } = true;

    /// <summary>Expected packet loss 0..100 %; with FEC on, it decides how much bitrate the redundancy gets.</summary>
    public int ExpectedLossPercent { get; init; } = 5;

    /// <summary>Discontinuous transmission: send almost nothing during silence.</summary>
    public bool Dtx { get; init; }

    /// <summary>Content hint (OPUS_SET_SIGNAL).</summary>
    public OpusSignal Signal { get; init; } = OpusSignal.Voice;

    /// <summary>Application mode given to opus_encoder_create.</summary>
    public OpusApplication Application { get; init; } = OpusApplication.Audio;

    /// <summary>Samples per channel in one frame at <paramref name="sampleRate"/> (960 for 20 ms at 48 kHz).</summary>
    public int FrameSamples(int sampleRate = 48000) => (int)Math.Round(sampleRate * FrameDurationMs / 1000.0);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its allowed range.</summary>
    public void Validate()
    {
        if (Bitrate is < MinBitrate or > MaxBitrate)
        {
            throw new ArgumentOutOfRangeException(nameof(Bitrate), Bitrate, $"Bitrate must be {MinBitrate}..{MaxBitrate} bits/s.");
        }

        if (Complexity is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Complexity), Complexity, "Complexity must be 0..10.");
        }

        // Exact comparison is intended: only these binary-exact values are Opus frame sizes.
        if (FrameDurationMs is not (2.5 or 5 or 10 or 20 or 40 or 60))
        {
            throw new ArgumentOutOfRangeException(nameof(FrameDurationMs), FrameDurationMs, "FrameDurationMs must be 2.5, 5, 10, 20, 40 or 60.");
        }

        if (ExpectedLossPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedLossPercent), ExpectedLossPercent, "ExpectedLossPercent must be 0..100.");
        }

        if (!Enum.IsDefined(Signal))
        {
            throw new ArgumentOutOfRangeException(nameof(Signal), Signal, "Signal must be Auto, Voice or Music.");
        }

        if (!Enum.IsDefined(Application))
        {
            throw new ArgumentOutOfRangeException(nameof(Application), Application, "Application must be Voip or Audio.");
        }
    }
}

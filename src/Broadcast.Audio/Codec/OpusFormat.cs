namespace Broadcast.Audio.Codec;

/// <summary>The PCM formats libopus accepts (RFC 6716 §2: 8/12/16/24/48 kHz, mono or stereo).</summary>
internal static class OpusFormat
{
    public static void Validate(int sampleRate, int channels)
    {
        if (sampleRate is not (8000 or 12000 or 16000 or 24000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Opus sample rate must be 8000, 12000, 16000, 24000 or 48000 Hz.");
        }

        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Opus channels must be 1 or 2.");
        }
    }
}

namespace Broadcast.Audio;

/// <summary>The one internal audio format of Broadcast: 48 kHz mono float PCM, as Opus works natively at 48 kHz.</summary>
public static class AudioFormat
{
    /// <summary>Samples per second of every PCM buffer inside Broadcast.</summary>
    public const int SampleRate = 48000;

    /// <summary>Channels of every PCM buffer inside Broadcast (speaker clusters play mono).</summary>
    public const int Channels = 1;
}

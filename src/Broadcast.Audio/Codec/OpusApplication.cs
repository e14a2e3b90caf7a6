namespace Broadcast.Audio.Codec;

/// <summary>The libopus application mode chosen when the encoder is created.</summary>
public enum OpusApplication
{
    /// <summary>OPUS_APPLICATION_VOIP: best speech intelligibility, may high-pass and emphasise formants.</summary>
    Voip,

    /// <summary>OPUS_APPLICATION_AUDIO: faithful to the input, for music and mixed content.</summary>
    Audio,
}

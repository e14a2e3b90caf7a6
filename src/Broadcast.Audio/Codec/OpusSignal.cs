namespace Broadcast.Audio.Codec;

/// <summary>Hint to the encoder about the content (OPUS_SET_SIGNAL); Voice favours SILK at low bitrates.</summary>
public enum OpusSignal
{
    /// <summary>Let libopus classify the signal (OPUS_AUTO).</summary>
    Auto,

    /// <summary>Speech (OPUS_SIGNAL_VOICE): announcements, paging.</summary>
    Voice,

    /// <summary>Music (OPUS_SIGNAL_MUSIC): background music, jingles.</summary>
    Music,
}

namespace Broadcast.Audio.Pipeline;

/// <summary>The stages of turning a programme file into broadcast-ready Opus, in the order they run.</summary>
public enum EncodePhase
{
    /// <summary>Decoding the source and measuring its loudness (one pass, the decoder runs in parallel).</summary>
    Measuring,

    /// <summary>Applying the normalisation gain and encoding to Opus.</summary>
    Encoding,

    /// <summary>The output file is complete and in place.</summary>
    Done,
}

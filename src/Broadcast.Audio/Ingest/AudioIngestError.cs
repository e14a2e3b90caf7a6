namespace Broadcast.Audio.Ingest;

/// <summary>Why a programme file could not be turned into PCM; carried by <see cref="AudioIngestException"/>.</summary>
public enum AudioIngestError
{
    /// <summary>The path does not exist.</summary>
    FileNotFound,

    /// <summary>The file exists but holds 0 bytes.</summary>
    EmptyFile,

    /// <summary>The file is not audio the decoder can read (random bytes, a document, a video without sound).</summary>
    NotAudio,

    /// <summary>The file ends before the audio its header or container announces.</summary>
    Truncated,

    /// <summary>The WAV header is missing a chunk or contradicts itself.</summary>
    InvalidHeader,

    /// <summary>The file is well formed but holds no samples (0-length audio).</summary>
    NoAudio,

    /// <summary>The file uses a sample format this reader does not handle.</summary>
    Unsupported,

    /// <summary>The decoder failed part way through the file.</summary>
    DecoderFailed,

    /// <summary>ffmpeg or ffprobe is not installed or not on the PATH.</summary>
    DecoderMissing,
}

namespace Broadcast.Audio.Ingest;

/// <summary>Sample encodings <see cref="WavReader"/> decodes itself; anything else in a WAV goes to ffmpeg.</summary>
internal enum WavSampleFormat
{
    /// <summary>Not decoded natively (ADPCM, mu-law, MP3-in-WAV, ...): hand the file to ffmpeg.</summary>
    Foreign,
    UnsignedInt8,
    SignedInt16,
    SignedInt24,
    SignedInt32,
    Float32,
    Float64,
}

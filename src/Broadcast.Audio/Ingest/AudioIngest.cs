namespace Broadcast.Audio.Ingest;

/// <summary>Opens any programme file as 48 kHz float PCM: WAV natively, everything else through ffmpeg.</summary>
public static class AudioIngest
{
    /// <summary>
    /// Opens <paramref name="path"/> for decoding. Files that start with <c>RIFF....WAVE</c> and hold PCM or IEEE
    /// float samples are read natively (no process start, exact samples); any other file, including WAV files in
    /// other codecs (ADPCM, mu-law, MP3-in-WAV), is decoded by ffmpeg.
    /// </summary>
    /// <exception cref="AudioIngestException">The file is missing, empty, malformed or not audio.</exception>
    public static async Task<PcmReader> OpenAsync(string path, IngestOptions? options = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= IngestOptions.Default;

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new AudioIngestException(path, AudioIngestError.FileNotFound, $"file not found (looked for {file.FullName})");
        }

        if (file.Length == 0)
        {
            throw new AudioIngestException(path, AudioIngestError.EmptyFile, "the file is empty (0 bytes); upload it again");
        }

        var wav = await WavReader.TryOpenAsync(path, options, ct).ConfigureAwait(false);
        if (wav is not null)
        {
            return wav;
        }

        return await FfmpegPcmReader.OpenAsync(path, options, ct).ConfigureAwait(false);
    }
}

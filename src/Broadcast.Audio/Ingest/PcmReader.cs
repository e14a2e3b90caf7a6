namespace Broadcast.Audio.Ingest;

/// <summary>
/// A stream of interleaved float PCM at <see cref="AudioFormat.SampleRate"/> decoded from a programme file.
/// Read it to the end: decode problems found part way (a truncated file) are thrown from <see cref="ReadAsync"/>
/// as <see cref="AudioIngestException"/>, possibly after audio has been returned.
/// </summary>
public abstract class PcmReader : IAsyncDisposable
{
    /// <summary>Output channels (1 when <see cref="IngestOptions.Mono"/>, else the file's channel count).</summary>
    public abstract int Channels { get; }

    /// <summary>Output sample rate; always <see cref="AudioFormat.SampleRate"/>.</summary>
    public int SampleRate { get; } = AudioFormat.SampleRate;

    /// <summary>What the file was before decoding.</summary>
    public abstract SourceInfo Source { get; }

    /// <summary>
    /// Fills <paramref name="interleaved"/> with up to its length in samples (rounded down to whole frames) and
    /// returns the number of floats written, a multiple of <see cref="Channels"/>; 0 means the end of the audio.
    /// </summary>
    /// <exception cref="AudioIngestException">The file turned out to be truncated or undecodable.</exception>
    public abstract ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct = default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the file or the decoder process.</summary>
    protected abstract ValueTask DisposeAsyncCore();
}

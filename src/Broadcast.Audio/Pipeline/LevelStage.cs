using Broadcast.Audio.Loudness;

namespace Broadcast.Audio.Pipeline;

/// <summary>
/// Normalisation applied in place to consecutive blocks: gain, then the optional peak limiter, then a meter of what
/// will be encoded, so the figures reported are measured, not predicted. Hides the limiter's delay: the output stream
/// is sample-aligned with the input, and <see cref="Flush"/> returns the tail.
/// </summary>
internal sealed class LevelStage
{
    private readonly float _gain;
    private readonly PeakLimiter? _limiter;
    private int _toSkip;

    /// <param name="gain">Linear gain.</param>
    /// <param name="limiter">Peak limiter after the gain, or null.</param>
    /// <param name="measurePeak">False for trial passes that need only the loudness of the result.</param>
    public LevelStage(float gain, PeakLimiter? limiter, bool measurePeak = true)
    {
        _gain = gain;
        _limiter = limiter;
        _toSkip = limiter?.Lookahead ?? 0;
        Output = new LoudnessMeter(AudioFormat.Channels, AudioFormat.SampleRate, measurePeak);
    }

    /// <summary>Loudness and true peak of the processed audio (before the codec).</summary>
    public LoudnessMeter Output { get; }

    /// <summary>Most samples <see cref="Flush"/> writes.</summary>
    public int TailSamples => _limiter?.Lookahead ?? 0;

    /// <summary>Processes <paramref name="block"/> in place; returns how many output samples now start the block.</summary>
    public int Process(Span<float> block)
    {
        LoudnessNormalizer.ApplyGain(block, _gain);
        var n = block.Length;
        if (_limiter is not null)
        {
            _limiter.Process(block, block);
            n = Skip(block);
        }

        Output.Process(block[..n]);
        return n;
    }

    /// <summary>Writes the limiter's remaining samples into <paramref name="destination"/>; returns their count.</summary>
    public int Flush(Span<float> destination)
    {
        if (_limiter is null)
        {
            return 0;
        }

        var tail = destination[.._limiter.Lookahead];
        _limiter.Flush(tail);
        var n = Skip(tail);
        Output.Process(tail[..n]);
        return n;
    }

    // The limiter's first Lookahead outputs precede the first input sample: drop them to stay aligned.
    private int Skip(Span<float> block)
    {
        var skip = Math.Min(_toSkip, block.Length);
        if (skip > 0)
        {
            block[skip..].CopyTo(block);
            _toSkip -= skip;
        }

        return block.Length - skip;
    }
}

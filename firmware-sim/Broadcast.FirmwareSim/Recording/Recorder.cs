namespace Broadcast.FirmwareSim.Recording;

/// <summary>
/// What one cluster played, as 16-bit 48 kHz mono, from the simulator's start (sample 0 = start, so recordings
/// of different clusters are time-aligned and their skew can be measured by cross-correlation). Chunked so that a
/// long run never copies the whole recording.
/// </summary>
internal sealed class Recorder
{
    private const int ChunkSamples = 48_000;
    private readonly List<short[]> _chunks = [];
    private int _used = ChunkSamples;

    /// <summary>Samples recorded.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<float> samples, float gain)
    {
        while (!samples.IsEmpty)
        {
            if (_used == ChunkSamples)
            {
                _chunks.Add(new short[ChunkSamples]);
                _used = 0;
            }

            var chunk = _chunks[^1];
            var n = Math.Min(samples.Length, ChunkSamples - _used);
            for (var i = 0; i < n; i++)
            {
                chunk[_used + i] = (short)Math.Clamp(MathF.Round(samples[i] * gain * 32767f), -32768f, 32767f);
            }

            _used += n;
            Length += n;
            samples = samples[n..];
        }
    }

    public void AppendSilence(long count)
    {
        while (count > 0)
        {
            if (_used == ChunkSamples)
            {
                _chunks.Add(new short[ChunkSamples]);
                _used = 0;
            }

            var n = (int)Math.Min(count, ChunkSamples - _used);
            _used += n;
            Length += n;
            count -= n;
        }
    }

    /// <summary>Copies the recording as 16-bit samples.</summary>
    public short[] ToPcm16()
    {
        var result = new short[Length];
        var offset = 0;
        foreach (var chunk in _chunks)
        {
            var n = (int)Math.Min(ChunkSamples, Length - offset);
            chunk.AsSpan(0, n).CopyTo(result.AsSpan(offset));
            offset += n;
        }

        return result;
    }

    /// <summary>Copies the recording as floats in -1..1.</summary>
    public float[] ToFloat()
    {
        var pcm = ToPcm16();
        var result = new float[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            result[i] = pcm[i] / 32768f;
        }

        return result;
    }
}

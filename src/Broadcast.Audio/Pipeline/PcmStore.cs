using System.Buffers;

namespace Broadcast.Audio.Pipeline;

/// <summary>
/// Decoded mono PCM held in memory between the measuring pass and the encoding pass, in pooled chunks so that a
/// long programme never needs one huge array. When the programme exceeds the memory budget the store gives up and
/// the pipeline decodes the source a second time instead (see <see cref="ProgrammeEncoder"/>).
/// </summary>
internal sealed class PcmStore : IDisposable
{
    // 2^16 samples (1.37 s at 48 kHz): large enough that chunk bookkeeping is negligible, small enough to pool.
    internal const int ChunkSamples = 1 << 16;

    private readonly List<float[]> _chunks = [];
    private readonly long _maxSamples;

    public PcmStore(long maxBytes)
    {
        _maxSamples = maxBytes / sizeof(float);
    }

    public long Length { get; private set; }

    /// <summary>False once the budget was exceeded; the store then holds nothing.</summary>
    public bool Complete { get; private set; } = true;

    public void Append(ReadOnlySpan<float> samples)
    {
        if (!Complete)
        {
            return;
        }

        if (Length + samples.Length > _maxSamples)
        {
            Release();
            Complete = false;
            return;
        }

        while (!samples.IsEmpty)
        {
            var offset = (int)(Length % ChunkSamples);
            if (offset == 0 && Length / ChunkSamples == _chunks.Count)
            {
                _chunks.Add(ArrayPool<float>.Shared.Rent(ChunkSamples));
            }

            var chunk = _chunks[(int)(Length / ChunkSamples)];
            var n = Math.Min(samples.Length, ChunkSamples - offset);
            samples[..n].CopyTo(chunk.AsSpan(offset, n));
            samples = samples[n..];
            Length += n;
        }
    }

    /// <summary>Copies samples starting at <paramref name="position"/>; positions before 0 or past the end read as silence.</summary>
    public void CopyTo(long position, Span<float> destination)
    {
        while (!destination.IsEmpty)
        {
            if (position < 0 || position >= Length)
            {
                var gap = position < 0 ? (int)Math.Min(-position, destination.Length) : destination.Length;
                destination[..gap].Clear();
                destination = destination[gap..];
                position += gap;
                continue;
            }

            var chunk = _chunks[(int)(position / ChunkSamples)];
            var offset = (int)(position % ChunkSamples);
            var n = (int)Math.Min(Math.Min(destination.Length, ChunkSamples - offset), Length - position);
            chunk.AsSpan(offset, n).CopyTo(destination);
            destination = destination[n..];
            position += n;
        }
    }

    /// <summary>Overwrites samples from <paramref name="position"/>; the range must lie inside what was appended.</summary>
    public void Write(long position, ReadOnlySpan<float> source)
    {
        if (position < 0 || position + source.Length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "write outside the stored samples");
        }

        while (!source.IsEmpty)
        {
            var chunk = _chunks[(int)(position / ChunkSamples)];
            var offset = (int)(position % ChunkSamples);
            var n = Math.Min(source.Length, ChunkSamples - offset);
            source[..n].CopyTo(chunk.AsSpan(offset, n));
            source = source[n..];
            position += n;
        }
    }

    public void Dispose() => Release();

    private void Release()
    {
        foreach (var c in _chunks)
        {
            ArrayPool<float>.Shared.Return(c);
        }

        _chunks.Clear();
        Length = 0;
    }
}

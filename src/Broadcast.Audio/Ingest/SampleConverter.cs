using System.Buffers.Binary;

namespace Broadcast.Audio.Ingest;

/// <summary>Little-endian WAV sample bytes to float in [-1, 1), and the mono downmix.</summary>
internal static class SampleConverter
{
    /// <summary>Converts <paramref name="source"/> (whole samples) into <paramref name="destination"/>; returns samples written.</summary>
    public static int ToFloat(WavSampleFormat format, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (format)
        {
            case WavSampleFormat.UnsignedInt8:
                for (var i = 0; i < source.Length; i++)
                {
                    destination[i] = (source[i] - 128) * (1f / 128);
                }

                return source.Length;
            case WavSampleFormat.SignedInt16:
                {
                    var n = source.Length / 2;
                    for (var i = 0; i < n; i++)
                    {
                        destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * (1f / 32768);
                    }

                    return n;
                }

            case WavSampleFormat.SignedInt24:
                {
                    var n = source.Length / 3;
                    for (var i = 0; i < n; i++)
                    {
                        var b = source.Slice(3 * i, 3);
                        var v = b[0] | (b[1] << 8) | ((sbyte)b[2] << 16);
                        destination[i] = v * (1f / 8388608);
                    }

                    return n;
                }

            case WavSampleFormat.SignedInt32:
                {
                    var n = source.Length / 4;
                    for (var i = 0; i < n; i++)
                    {
                        destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) * (1.0 / 2147483648.0));
                    }

                    return n;
                }

            case WavSampleFormat.Float32:
                {
                    var n = source.Length / 4;
                    for (var i = 0; i < n; i++)
                    {
                        destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                    }

                    return n;
                }

            case WavSampleFormat.Float64:
                {
                    var n = source.Length / 8;
                    for (var i = 0; i < n; i++)
                    {
                        destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                    }

                    return n;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a native WAV sample format");
        }
    }

    /// <summary>
    /// Averages the channels of each frame in place: frame i lands at index i, which never overtakes the frames still
    /// to be read. The average (not the sum) keeps full-scale content below clipping.
    /// </summary>
    public static int DownmixInPlace(Span<float> interleaved, int channels)
    {
        var frames = interleaved.Length / channels;
        if (channels == 1)
        {
            return frames;
        }

        var scale = 1f / channels;
        for (var f = 0; f < frames; f++)
        {
            var frame = interleaved.Slice(f * channels, channels);
            var sum = 0f;
            foreach (var s in frame)
            {
                sum += s;
            }

            interleaved[f] = sum * scale;
        }

        return frames;
    }
}

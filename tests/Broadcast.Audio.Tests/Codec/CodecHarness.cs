using Broadcast.Audio.Codec;

namespace Broadcast.Audio.Tests.Codec;

/// <summary>Encodes whole signals frame by frame and decodes them again, padding the tail with silence.</summary>
internal static class CodecHarness
{
    public static List<byte[]> EncodeFrames(OpusEncoder encoder, ReadOnlySpan<float> pcm, int extraFrames = 1)
    {
        var frames = new List<byte[]>();
        var frame = new float[encoder.FrameSamples];
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var count = ((pcm.Length + encoder.FrameSamples - 1) / encoder.FrameSamples) + extraFrames;
        for (var f = 0; f < count; f++)
        {
            var start = Math.Min(f * encoder.FrameSamples, pcm.Length);
            var take = Math.Min(pcm.Length - start, encoder.FrameSamples);
            pcm.Slice(start, take).CopyTo(frame);
            frame.AsSpan(take).Clear();
            var n = encoder.Encode(frame, packet);
            frames.Add(packet.AsSpan(0, n).ToArray());
        }

        return frames;
    }

    public static float[] DecodeFrames(IReadOnlyList<byte[]> packets, int frameSamples)
    {
        using var decoder = new OpusDecoder();
        var output = new float[packets.Count * frameSamples];
        for (var i = 0; i < packets.Count; i++)
        {
            var n = decoder.Decode(packets[i], output.AsSpan(i * frameSamples, frameSamples));
            Assert.Equal(frameSamples, n);
        }

        return output;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    /// <summary>Fourth-order low-pass (two RBJ biquads, Q 0.707) to compare signals within the speech band.</summary>
    public static float[] LowPass(ReadOnlySpan<float> x, double cutoffHz, int sampleRate = 48000)
    {
        var w = 2 * Math.PI * cutoffHz / sampleRate;
        var alpha = Math.Sin(w) / (2 * 0.7071);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        double b0 = (1 - cos) / 2 / a0, b1 = (1 - cos) / a0, a1 = -2 * cos / a0, a2 = (1 - alpha) / a0;
        var y = x.ToArray();
        for (var pass = 0; pass < 2; pass++)
        {
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (var i = 0; i < y.Length; i++)
            {
                double xi = y[i];
                var yi = (b0 * xi) + (b1 * x1) + (b0 * x2) - (a1 * y1) - (a2 * y2);
                x2 = x1;
                x1 = xi;
                y2 = y1;
                y1 = yi;
                y[i] = (float)yi;
            }
        }

        return y;
    }
}

namespace Broadcast.Tests.Common;

/// <summary>Generated test signals and a WAV writer that is independent of the code under test.</summary>
public static class Signals
{
    public static float[] Sine(double frequencyHz, double amplitudeDbfs, double seconds, int sampleRate = 48000)
    {
        var n = (int)(seconds * sampleRate);
        var a = Math.Pow(10, amplitudeDbfs / 20);
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)(a * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }

        return x;
    }

    /// <summary>Speech-like noise: pink-ish noise shaped by a 4 Hz syllable envelope, deterministic for a seed.</summary>
    public static float[] SpeechLikeNoise(double seconds, double peakDbfs = -6, int sampleRate = 48000, int seed = 1)
    {
        var rng = new Random(seed);
        var n = (int)(seconds * sampleRate);
        var x = new float[n];
        double b0 = 0, b1 = 0, b2 = 0;
        for (var i = 0; i < n; i++)
        {
            var white = (rng.NextDouble() * 2) - 1;
            b0 = (0.99765 * b0) + (white * 0.0990460);
            b1 = (0.96300 * b1) + (white * 0.2965164);
            b2 = (0.57000 * b2) + (white * 1.0526913);
            var pink = (b0 + b1 + b2 + (white * 0.1848)) * 0.2;
            var env = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 4 * i / sampleRate));
            x[i] = (float)(pink * env);
        }

        var peak = x.Max(Math.Abs);
        var scale = Math.Pow(10, peakDbfs / 20) / peak;
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)(x[i] * scale);
        }

        return x;
    }

    /// <summary>Writes a canonical 16-bit PCM WAV file (RIFF/WAVE, fmt, data), interleaved channels.</summary>
    public static void WriteWav16(string path, float[] samples, int sampleRate = 48000, int channels = 1)
    {
        using var fs = File.Create(path);
        using var w = new BinaryWriter(fs);
        var dataBytes = samples.Length * 2;
        w.Write("RIFF"u8);
        w.Write(36 + dataBytes);
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)channels);
        w.Write(sampleRate);
        w.Write(sampleRate * channels * 2);
        w.Write((short)(channels * 2));
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(dataBytes);
        foreach (var s in samples)
        {
            w.Write((short)Math.Clamp(Math.Round(s * 32767.0), -32768, 32767));
        }
    }

    /// <summary>Normalised cross-correlation at the best lag within +-maxLag samples.</summary>
    public static double BestCorrelation(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int maxLag)
    {
        var best = double.NegativeInfinity;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double sab = 0, saa = 0, sbb = 0;
            var start = Math.Max(0, -lag);
            var end = Math.Min(a.Length, b.Length - lag);
            for (var i = start; i < end; i++)
            {
                double x = a[i], y = b[i + lag];
                sab += x * y;
                saa += x * x;
                sbb += y * y;
            }

            if (saa > 0 && sbb > 0)
            {
                best = Math.Max(best, sab / Math.Sqrt(saa * sbb));
            }
        }

        return best;
    }
}

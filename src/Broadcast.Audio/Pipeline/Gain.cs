using System.Numerics;
using System.Runtime.InteropServices;

namespace Broadcast.Audio.Pipeline;

/// <summary>Linear gain applied in place, vectorised.</summary>
internal static class Gain
{
    public static void Apply(Span<float> samples, float gain)
    {
        if (gain == 1f)
        {
            return;
        }

        var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var g = new Vector<float>(gain);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] *= g;
        }

        for (var i = vectors.Length * Vector<float>.Count; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}

using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;

namespace Broadcast.IntegrationTests.Audio;

/// <summary>Test programmes as Ogg Opus files (played as they are, no re-encoding) and their local decode.</summary>
internal static class Programmes
{
    public static string WriteOpus(string path, float[] pcm)
    {
        using var stream = File.Create(path);
        OggOpusFile.Encode(stream, pcm, new OpusEncoderSettings());
        return path;
    }

    /// <summary>What a correct receiver plays: the file decoded here, pre-skip removed (RFC 7845 section 4.2).</summary>
    public static float[] Decode(string path)
    {
        using var stream = File.OpenRead(path);
        return OggOpusFile.Decode(stream, out _, out _);
    }

    /// <summary>Pre-skip of the file (samples at 48 kHz the decoder emits before sample 0 of the source).</summary>
    public static int PreSkip(string path)
    {
        using var stream = File.OpenRead(path);
        return new OggOpusReader(stream).Head.PreSkip;
    }
}

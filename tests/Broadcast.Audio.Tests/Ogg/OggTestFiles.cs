using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;

namespace Broadcast.Audio.Tests.Ogg;

/// <summary>Writes Ogg Opus test files with the encoder and writer under test, packet by packet.</summary>
internal static class OggTestFiles
{
    public sealed record Written(byte[] Bytes, List<byte[]> Packets, OggOpusHeader Head, int PreSkip);

    public static Written Encode(float[] pcm, OpusTags tags, OpusEncoderSettings? settings = null)
    {
        using var encoder = new OpusEncoder(settings ?? new OpusEncoderSettings());
        var head = new OggOpusHeader { ChannelCount = 1, PreSkip = encoder.Lookahead, InputSampleRate = 48000 };
        using var output = new MemoryStream();
        var packets = new List<byte[]>();
        using (var writer = new OggOpusWriter(output, head, tags, serial: 0x1234ABCD))
        {
            // Enough frames to cover pre-skip + every input sample; the padding is trimmed by Finish.
            var frames = (pcm.Length + encoder.Lookahead + encoder.FrameSamples - 1) / encoder.FrameSamples;
            var frame = new float[encoder.FrameSamples];
            var packet = new byte[OpusEncoder.MaxPacketBytes];
            for (var f = 0; f < frames; f++)
            {
                var start = Math.Min(f * encoder.FrameSamples, pcm.Length);
                var take = Math.Min(pcm.Length - start, encoder.FrameSamples);
                pcm.AsSpan(start, take).CopyTo(frame);
                frame.AsSpan(take).Clear();
                var n = encoder.Encode(frame, packet);
                packets.Add(packet.AsSpan(0, n).ToArray());
                writer.WritePacket(packet.AsSpan(0, n), encoder.FrameSamples);
            }

            writer.Finish(pcm.Length);
        }

        return new Written(output.ToArray(), packets, head, encoder.Lookahead);
    }

    /// <summary>Opens a reader and drains it, so that any format error anywhere in the stream surfaces.</summary>
    public static List<byte[]> ReadAll(byte[] file)
    {
        using var input = new MemoryStream(file);
        var reader = new OggOpusReader(input);
        var packets = new List<byte[]>();
        while (reader.TryReadPacket(out var packet))
        {
            packets.Add(packet.ToArray());
        }

        return packets;
    }
}

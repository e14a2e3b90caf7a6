using System.Buffers;
using Broadcast.Audio.Codec;

namespace Broadcast.Audio.Ogg;

/// <summary>Whole-buffer helpers: 48 kHz float PCM to an Ogg Opus stream and back, with exact length on both sides.</summary>
public static class OggOpusFile
{
    /// <summary>
    /// Encodes interleaved 48 kHz PCM into <paramref name="output"/>. The input is zero-padded so the encoder's
    /// lookahead is flushed, and the EOS granule trims the padding, so decoding returns exactly pcm.Length samples.
    /// </summary>
    public static void Encode(Stream output, ReadOnlySpan<float> pcm, OpusEncoderSettings settings, OpusTags? tags = null, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var encoder = new OpusEncoder(settings, 48000, channels);
        var head = new OggOpusHeader { ChannelCount = channels, PreSkip = encoder.Lookahead, InputSampleRate = 48000 };
        using var writer = new OggOpusWriter(output, head, tags ?? new OpusTags());

        var frameValues = encoder.FrameSamples * channels;
        var samples = pcm.Length / channels;
        var frames = (samples + encoder.Lookahead + encoder.FrameSamples - 1) / encoder.FrameSamples;
        var frame = new float[frameValues];
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        for (var f = 0; f < frames; f++)
        {
            var start = Math.Min(f * frameValues, pcm.Length);
            var take = Math.Min(pcm.Length - start, frameValues);
            pcm.Slice(start, take).CopyTo(frame);
            frame.AsSpan(take).Clear();
            var n = encoder.Encode(frame, packet);
            writer.WritePacket(packet.AsSpan(0, n), encoder.FrameSamples);
        }

        writer.Finish(samples);
    }

    /// <summary>
    /// Decodes a whole Ogg Opus stream to interleaved 48 kHz float PCM: drops the pre-skip, applies the
    /// end trimming of the final granule and the header's output gain (RFC 7845 §4.2, §4.4, §5.1).
    /// </summary>
    public static float[] Decode(Stream input, out OggOpusHeader head, out OpusTags tags)
    {
        var reader = new OggOpusReader(input);
        head = reader.Head;
        tags = reader.Tags;
        var channels = head.ChannelCount;
        using var decoder = new OpusDecoder(48000, channels);
        var decoded = new ArrayBufferWriter<float>();
        var frame = new float[OpusDecoder.MaxPacketSamples48k * channels];
        long finalGranule = -1;
        while (reader.TryReadPacket(out var packet))
        {
            var n = decoder.Decode(packet.Span, frame);
            decoded.Write(frame.AsSpan(0, n * channels));
            if (reader.PacketEndsPage)
            {
                finalGranule = reader.PageGranulePosition;
            }
        }

        var total = decoded.WrittenCount / channels;
        var end = finalGranule >= 0 ? Math.Min(total, finalGranule) : total;
        var start = Math.Min(head.PreSkip, end);
        var result = decoded.WrittenSpan[(int)(start * channels)..(int)(end * channels)].ToArray();
        if (head.OutputGain != 0)
        {
            var gain = (float)Math.Pow(10, head.OutputGain / (20.0 * 256));
            for (var i = 0; i < result.Length; i++)
            {
                result[i] *= gain;
            }
        }

        return result;
    }
}

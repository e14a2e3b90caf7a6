using Broadcast.Audio.Interop;

namespace Broadcast.Audio.Codec;

/// <summary>
/// One libopus decoder. Not thread-safe: one instance per stream. Decode calls allocate nothing; malformed
/// packets throw <see cref="OpusException"/> (libopus validates the TOC and frame lengths, RFC 6716 §3.4).
/// </summary>
public sealed class OpusDecoder : IDisposable
{
    /// <summary>Samples per channel in the longest Opus packet (120 ms at 48 kHz, RFC 6716 §3.2.5): a safe pcm buffer size.</summary>
    public const int MaxPacketSamples48k = 5760;

    private readonly SafeOpusDecoderHandle _handle;

    /// <summary>Creates a decoder; <paramref name="sampleRate"/> must be 8000, 12000, 16000, 24000 or 48000 and channels 1 or 2.</summary>
    public OpusDecoder(int sampleRate = 48000, int channels = 1)
    {
        OpusFormat.Validate(sampleRate, channels);
        SampleRate = sampleRate;
        Channels = channels;
        _handle = Opus.DecoderCreate(sampleRate, channels);
    }

    /// <summary>Output sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Interleaved output channels.</summary>
    public int Channels { get; }

    /// <summary>
    /// Decodes one packet into <paramref name="pcm"/> (interleaved float); returns samples per channel.
    /// With <paramref name="decodeFec"/> the packet is the one <em>after</em> a lost packet and the output is the
    /// lost frame rebuilt from its in-band redundancy; then pcm must be exactly the lost frame's length.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> packet, Span<float> pcm, bool decodeFec = false)
    {
        if (packet.IsEmpty)
        {
            // A NULL packet means "lost" to libopus; an empty one from the network is malformed (RFC 6716 §3.4 [R1]).
            throw Opus.Error("opus_decode_float(empty packet)", Opus.InvalidPacket);
        }

        return Opus.Decode(_handle, packet, pcm, pcm.Length / Channels, decodeFec);
    }

    /// <summary>
    /// Packet loss concealment: synthesises pcm.Length / Channels samples per channel (a multiple of 2.5 ms)
    /// continuing the previous audio; returns samples per channel.
    /// </summary>
    public int DecodeLost(Span<float> pcm) => Opus.Decode(_handle, default, pcm, pcm.Length / Channels, decodeFec: false);

    /// <summary>Forgets all history (OPUS_RESET_STATE).</summary>
    public void ResetState() => Opus.DecoderReset(_handle);

    /// <summary>Samples per channel a packet decodes to at <paramref name="sampleRate"/> (opus_packet_get_nb_samples).</summary>
    public static int GetPacketSamples(ReadOnlySpan<byte> packet, int sampleRate = 48000)
    {
        if (packet.IsEmpty)
        {
            throw Opus.Error("opus_packet_get_nb_samples(empty packet)", Opus.InvalidPacket);
        }

        return Opus.PacketGetNbSamples(packet, sampleRate);
    }

    public void Dispose() => _handle.Dispose();
}

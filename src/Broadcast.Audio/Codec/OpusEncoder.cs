using Broadcast.Audio.Interop;

namespace Broadcast.Audio.Codec;

/// <summary>
/// One libopus encoder. Not thread-safe: one instance per stream. Encode calls allocate nothing, so the
/// per-frame pipeline stays off the GC.
/// </summary>
public sealed class OpusEncoder : IDisposable
{
    /// <summary>
    /// Output buffer size that always suffices: a 60 ms packet is up to three 20 ms frames of at most 1275 bytes each
    /// (RFC 6716 §3.2.1) plus the code-3 header, and 4000 is the size libopus documents for opus_encode's buffer.
    /// </summary>
    public const int MaxPacketBytes = 4000;

    private readonly SafeOpusEncoderHandle _handle;
    private readonly int _frameValues;

    /// <summary>Creates an encoder; <paramref name="sampleRate"/> must be 8000, 12000, 16000, 24000 or 48000 and channels 1 or 2.</summary>
    public OpusEncoder(OpusEncoderSettings settings, int sampleRate = 48000, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        OpusFormat.Validate(sampleRate, channels);

        Settings = settings;
        SampleRate = sampleRate;
        Channels = channels;
        FrameSamples = settings.FrameSamples(sampleRate);
        _frameValues = FrameSamples * channels;

        var application = settings.Application == OpusApplication.Voip ? Opus.ApplicationVoip : Opus.ApplicationAudio;
        _handle = Opus.EncoderCreate(sampleRate, channels, application);
        try
        {
            Opus.EncoderSet(_handle, Opus.SetBitrateRequest, settings.Bitrate, "OPUS_SET_BITRATE");
            Opus.EncoderSet(_handle, Opus.SetComplexityRequest, settings.Complexity, "OPUS_SET_COMPLEXITY");
            Opus.EncoderSet(_handle, Opus.SetInbandFecRequest, settings.InBandFec ? 1 : 0, "OPUS_SET_INBAND_FEC");
            Opus.EncoderSet(_handle, Opus.SetPacketLossPercRequest, settings.ExpectedLossPercent, "OPUS_SET_PACKET_LOSS_PERC");
            Opus.EncoderSet(_handle, Opus.SetDtxRequest, settings.Dtx ? 1 : 0, "OPUS_SET_DTX");
            var signal = settings.Signal switch
            {
                OpusSignal.Voice => Opus.SignalVoice,
                OpusSignal.Music => Opus.SignalMusic,
                _ => Opus.Auto,
            };
            Opus.EncoderSet(_handle, Opus.SetSignalRequest, signal, "OPUS_SET_SIGNAL");
            Lookahead = Opus.EncoderGet(_handle, Opus.GetLookaheadRequest, "OPUS_GET_LOOKAHEAD");
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>The settings this encoder was created with.</summary>
    public OpusEncoderSettings Settings { get; }

    /// <summary>Input sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Interleaved channels per input frame.</summary>
    public int Channels { get; }

    /// <summary>Samples per channel that every Encode call takes (960 for 20 ms at 48 kHz).</summary>
    public int FrameSamples { get; }

    /// <summary>
    /// Codec delay in samples at <see cref="SampleRate"/> (OPUS_GET_LOOKAHEAD); the Ogg Opus pre-skip
    /// (RFC 7845 §4.2) when the rate is 48 kHz.
    /// </summary>
    public int Lookahead { get; }

    /// <summary>Encodes exactly one frame of float PCM (-1..1, interleaved) into <paramref name="packet"/>; returns bytes written.</summary>
    public int Encode(ReadOnlySpan<float> pcm, Span<byte> packet)
    {
        if (pcm.Length != _frameValues)
        {
            throw new ArgumentException(FrameLengthMessage(pcm.Length), nameof(pcm));
        }

        return Opus.Encode(_handle, pcm, FrameSamples, packet);
    }

    /// <summary>Encodes exactly one frame of 16-bit PCM (interleaved) into <paramref name="packet"/>; returns bytes written.</summary>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> packet)
    {
        if (pcm.Length != _frameValues)
        {
            throw new ArgumentException(FrameLengthMessage(pcm.Length), nameof(pcm));
        }

        return Opus.Encode(_handle, pcm, FrameSamples, packet);
    }

    /// <summary>Forgets all history (OPUS_RESET_STATE), as if freshly created; use between unrelated programmes.</summary>
    public void ResetState() => Opus.EncoderReset(_handle);

    public void Dispose() => _handle.Dispose();

    private string FrameLengthMessage(int length) =>
        $"pcm must hold exactly one frame: {FrameSamples} samples x {Channels} channel(s) = {_frameValues} values, got {length}.";
}

using Broadcast.Audio.Codec;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Codec;

public sealed class OpusRoundTripTests
{
    [Fact]
    public void EncodeDecode_Sine1kAt32kbps_CorrelatesAndKeepsLevel()
    {
        var source = Signals.Sine(1000, -12, 1.0);
        using var encoder = new OpusEncoder(new OpusEncoderSettings { Bitrate = 32000 });

        var aligned = RoundTrip(encoder, source);

        var correlation = Signals.BestCorrelation(source, aligned, maxLag: 48);
        Assert.True(correlation >= 0.9, $"correlation {correlation:F3} < 0.9");
        AssertLevelWithin(source, aligned, 1.5);
    }

    [Fact]
    public void EncodeDecode_SpeechLikeNoiseAt32kbps_CorrelatesInSpeechBandAndKeepsLevel()
    {
        var source = Signals.SpeechLikeNoise(1.0);
        using var encoder = new OpusEncoder(new OpusEncoderSettings { Bitrate = 32000 });

        var aligned = RoundTrip(encoder, source);

        // Opus is a perceptual codec: above ~4 kHz it codes noise by band energy, not waveform (CELT spreading,
        // SILK/hybrid noise fill), so full-band waveform correlation of noise at 32 kb/s measures 0.80 (Voice) to
        // 0.85 (Music) with libopus 1.3.1. Below 4 kHz, where speech intelligibility lives, the waveform is kept: 0.93.
        var speechBand = Signals.BestCorrelation(CodecHarness.LowPass(source, 4000), CodecHarness.LowPass(aligned, 4000), maxLag: 48);
        var fullBand = Signals.BestCorrelation(source, aligned, maxLag: 48);
        Assert.True(speechBand >= 0.9, $"speech-band correlation {speechBand:F3} < 0.9");
        Assert.True(fullBand >= 0.75, $"full-band correlation {fullBand:F3} < 0.75");
        AssertLevelWithin(source, aligned, 1.5);
    }

    /// <summary>Encodes and decodes; returns the decoded signal shifted by the codec delay so index i matches source i.</summary>
    private static float[] RoundTrip(OpusEncoder encoder, float[] source)
    {
        var decoded = CodecHarness.DecodeFrames(CodecHarness.EncodeFrames(encoder, source), encoder.FrameSamples);
        return decoded.AsSpan(encoder.Lookahead, source.Length).ToArray();
    }

    private static void AssertLevelWithin(float[] source, float[] decoded, double db)
    {
        // Skip the first 100 ms where the codec is still converging.
        const int Skip = 4800;
        var levelDb = 20 * Math.Log10(CodecHarness.Rms(decoded.AsSpan(Skip)) / CodecHarness.Rms(source.AsSpan(Skip)));
        Assert.InRange(levelDb, -db, db);
    }

    [Fact]
    public void Encode_ShortPcm_SameResultAsFloat()
    {
        var source = Signals.Sine(440, -6, 0.02);
        var pcm16 = new short[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            pcm16[i] = (short)Math.Round(source[i] * 32767);
        }

        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        using var decoder = new OpusDecoder();
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var pcm = new float[960];
        var n = 0;
        for (var i = 0; i < 5; i++)
        {
            n = encoder.Encode(pcm16, packet);
            decoder.Decode(packet.AsSpan(0, n), pcm);
        }

        Assert.InRange(n, 2, OpusEncoder.MaxPacketBytes);
        Assert.True(CodecHarness.Rms(pcm) > 0.1, "a steady -6 dBFS tone must decode to a loud signal");
    }

    [Fact]
    public void Encode_WrongFrameLength_ThrowsArgumentException()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        var packet = new byte[OpusEncoder.MaxPacketBytes];

        var e = Assert.Throws<ArgumentException>(() => encoder.Encode(new float[959], packet));
        Assert.Equal("pcm", e.ParamName);
        Assert.Contains("960", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_EmptyPacketBuffer_ThrowsOpusException()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings { Bitrate = 128000 });
        var noise = Signals.SpeechLikeNoise(0.02);

        var e = Assert.Throws<OpusException>(() => encoder.Encode(noise, []));
        Assert.Contains("opus_encode_float", e.Message, StringComparison.Ordinal);
        Assert.True(e.ErrorCode < 0);
    }

    [Fact]
    public void ResetState_AfterAudio_EncodesSameAsFreshEncoder()
    {
        var settings = new OpusEncoderSettings();
        var tone = Signals.Sine(700, -10, 0.02);
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        using var fresh = new OpusEncoder(settings);
        var expected = packet.AsSpan(0, fresh.Encode(tone, packet)).ToArray();

        using var used = new OpusEncoder(settings);
        var noise = Signals.SpeechLikeNoise(0.02, seed: 3);
        for (var i = 0; i < 10; i++)
        {
            used.Encode(noise, packet);
        }

        used.ResetState();
        var actual = packet.AsSpan(0, used.Encode(tone, packet)).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Lookahead_At48k_IsTheUsualPreSkip()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());

        // libopus: 2.5 ms of CELT overlap + 4 ms of delay compensation = 312 samples at 48 kHz (Application Audio).
        Assert.Equal(312, encoder.Lookahead);
    }

    [Fact]
    public void OpusLibraryMissingException_Message_TellsHowToInstall()
    {
        var e = new OpusLibraryMissingException(new DllNotFoundException("libopus.so.0"));

        Assert.Contains("apt-get install libopus0", e.Message, StringComparison.Ordinal);
        Assert.Contains("./bcast", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DllNotFoundException>(e);
    }
}

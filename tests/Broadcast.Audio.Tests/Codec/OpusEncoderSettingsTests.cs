using Broadcast.Audio.Codec;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Codec;

public sealed class OpusEncoderSettingsTests
{
    [Theory]
    [InlineData(5999)]
    [InlineData(128001)]
    [InlineData(0)]
    public void Validate_BitrateOutOfRange_ThrowsNamingBitrate(int bitrate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoderSettings { Bitrate = bitrate }.Validate());
        Assert.Equal(nameof(OpusEncoderSettings.Bitrate), e.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Validate_ComplexityOutOfRange_ThrowsNamingComplexity(int complexity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoderSettings { Complexity = complexity }.Validate());
        Assert.Equal(nameof(OpusEncoderSettings.Complexity), e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(80)]
    [InlineData(2.4)]
    public void Validate_FrameDurationNotOpus_ThrowsNamingFrameDuration(double ms)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoderSettings { FrameDurationMs = ms }.Validate());
        Assert.Equal(nameof(OpusEncoderSettings.FrameDurationMs), e.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Validate_LossOutOfRange_ThrowsNamingExpectedLossPercent(int loss)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoderSettings { ExpectedLossPercent = loss }.Validate());
        Assert.Equal(nameof(OpusEncoderSettings.ExpectedLossPercent), e.ParamName);
    }

    [Fact]
    public void Constructor_InvalidSettings_ThrowsBeforeCreatingEncoder()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(new OpusEncoderSettings { Bitrate = 500 }));
        Assert.Equal(nameof(OpusEncoderSettings.Bitrate), e.ParamName);
    }

    [Theory]
    [InlineData(44100, 1, "sampleRate")]
    [InlineData(48000, 3, "channels")]
    public void Constructor_UnsupportedFormat_ThrowsNamingParameter(int rate, int channels, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusEncoder(new OpusEncoderSettings(), rate, channels));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Defaults_MatchBroadcastProfile()
    {
        var s = new OpusEncoderSettings();

        Assert.Equal(32000, s.Bitrate);
        Assert.Equal(10, s.Complexity);
        Assert.Equal(20, s.FrameDurationMs);
        Assert.True(s.InBandFec);
        Assert.Equal(5, s.ExpectedLossPercent);
        Assert.False(s.Dtx);
        Assert.Equal(OpusSignal.Voice, s.Signal);
        Assert.Equal(OpusApplication.Audio, s.Application);
    }

    [Theory]
    [InlineData(2.5, 120)]
    [InlineData(5, 240)]
    [InlineData(10, 480)]
    [InlineData(20, 960)]
    [InlineData(40, 1920)]
    [InlineData(60, 2880)]
    public void Encode_EveryAllowedFrameDuration_ProducesPacketOfThatDuration(double ms, int samples)
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings { FrameDurationMs = ms });
        var packet = new byte[OpusEncoder.MaxPacketBytes];

        var n = encoder.Encode(new float[encoder.FrameSamples], packet);

        Assert.Equal(samples, encoder.FrameSamples);
        Assert.Equal(samples, OpusDecoder.GetPacketSamples(packet.AsSpan(0, n)));
    }

    [Theory]
    [InlineData(OpusSignal.Auto, OpusApplication.Voip)]
    [InlineData(OpusSignal.Music, OpusApplication.Audio)]
    public void Encode_OtherSignalAndApplication_ProducesDecodablePackets(OpusSignal signal, OpusApplication application)
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings { Signal = signal, Application = application, Dtx = true });
        using var decoder = new OpusDecoder();
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var pcm = new float[960];

        var n = encoder.Encode(Signals.Sine(300, -10, 0.02), packet);

        Assert.Equal(960, decoder.Decode(packet.AsSpan(0, n), pcm));
    }
}

using Broadcast.Audio.Codec;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Codec;

public sealed class OpusDecoderTests
{
    public static TheoryData<byte[]> MalformedPackets => new()
    {
        // Code 1 (two equal frames) needs an even payload; one byte is odd (RFC 6716 §3.2.3 [R3]).
        new byte[] { 0x01, 0x00 },
        // Code 3 with frame count 0 (RFC 6716 §3.2.5 [R5]).
        new byte[] { 0x03, 0x00 },
        // Code 3, 63 frames of 20 ms = 1.26 s, beyond 120 ms (RFC 6716 §3.2.5 [R5]).
        new byte[] { 0xFB, 0x3F, 0x00, 0x00 },
        // Code 2 whose first frame length (252 bytes) runs past the packet (RFC 6716 §3.2.4 [R4]).
        new byte[] { 0x02, 0xFC, 0x01 },
    };

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public void Decode_MalformedPacket_ThrowsOpusException(byte[] packet)
    {
        using var decoder = new OpusDecoder();
        var pcm = new float[5760];

        var e = Assert.Throws<OpusException>(() => decoder.Decode(packet, pcm));
        Assert.Equal(-4, e.ErrorCode);
        Assert.Contains("opus_decode_float", e.Message, StringComparison.Ordinal);
        Assert.Contains("corrupted", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decode_EmptyPacket_ThrowsOpusException()
    {
        using var decoder = new OpusDecoder();

        var e = Assert.Throws<OpusException>(() => decoder.Decode([], new float[960]));
        Assert.Equal(-4, e.ErrorCode);
    }

    [Fact]
    public void Decode_RandomGarbage_OnlyEverThrowsOpusException()
    {
        using var decoder = new OpusDecoder();
        var rng = new Random(42);
        var pcm = new float[5760];
        var failures = 0;
        var decodedSamples = 0L;
        for (var i = 0; i < 2000; i++)
        {
            var packet = new byte[rng.Next(1, 400)];
            rng.NextBytes(packet);
            try
            {
                decodedSamples += decoder.Decode(packet, pcm);
            }
            catch (OpusException)
            {
                failures++;
            }
        }

        // Any other exception type (or a crash of the test host) fails the test; both outcomes must occur.
        Assert.InRange(failures, 1, 1999);
        Assert.True(decodedSamples > 0);
    }

    [Fact]
    public void Decode_BufferShorterThanPacket_ThrowsOpusException()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        using var decoder = new OpusDecoder();
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var n = encoder.Encode(new float[960], packet);

        var e = Assert.Throws<OpusException>(() => decoder.Decode(packet.AsSpan(0, n), new float[480]));
        Assert.Equal(-2, e.ErrorCode);
    }

    [Fact]
    public void GetPacketSamples_Encoded20msPacket_Returns960()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var n = encoder.Encode(Signals.Sine(1000, -10, 0.02), packet);

        Assert.Equal(960, OpusDecoder.GetPacketSamples(packet.AsSpan(0, n)));
        Assert.Equal(320, OpusDecoder.GetPacketSamples(packet.AsSpan(0, n), 16000));
    }

    [Theory]
    [InlineData(0xF8, 960)] // config 31: CELT FB 20 ms, code 0
    [InlineData(0x08, 960)] // config 1: SILK NB 20 ms
    [InlineData(0x18, 2880)] // config 3: SILK NB 60 ms
    [InlineData(0xE0, 120)] // config 28: CELT FB 2.5 ms
    [InlineData(0xF9, 1920)] // config 31, code 1: two 20 ms frames
    public void GetPacketSamples_HandBuiltToc_FollowsRfc6716Table(int toc, int expected)
    {
        Assert.Equal(expected, OpusDecoder.GetPacketSamples([(byte)toc, 0, 0]));
    }

    [Fact]
    public void GetPacketSamples_Code3WithoutCountByte_ThrowsOpusException()
    {
        var e = Assert.Throws<OpusException>(() => OpusDecoder.GetPacketSamples([0x03]));
        Assert.Contains("opus_packet_get_nb_samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeLost_AfterTone_ConcealsWithSimilarSignal()
    {
        var tone = Signals.Sine(500, -10, 0.5);
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        using var decoder = new OpusDecoder();
        var packets = CodecHarness.EncodeFrames(encoder, tone);
        var pcm = new float[960];
        for (var i = 0; i < 20; i++)
        {
            decoder.Decode(packets[i], pcm);
        }

        var n = decoder.DecodeLost(pcm);

        Assert.Equal(960, n);
        Assert.True(CodecHarness.Rms(pcm) > 0.01, "concealment of a steady tone should not be silence");
    }

    [Fact]
    public void Constructor_UnsupportedRate_ThrowsNamingSampleRate()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OpusDecoder(22050));
        Assert.Equal("sampleRate", e.ParamName);
    }
}

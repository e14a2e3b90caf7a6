using Broadcast.Audio.Codec;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Codec;

public sealed class OpusFecTests
{
    [Fact]
    public void Decode_WithFecAfterLostPacket_RecoversLostFrameBetterThanConcealment()
    {
        var speech = Signals.SpeechLikeNoise(2.0, seed: 7);
        var settings = new OpusEncoderSettings { InBandFec = true, ExpectedLossPercent = 10, Bitrate = 32000 };
        using var encoder = new OpusEncoder(settings);
        var packets = CodecHarness.EncodeFrames(encoder, speech);
        var reference = CodecHarness.DecodeFrames(packets, 960);

        double fecSum = 0, plcSum = 0;
        var lostFrames = new[] { 30, 45, 60, 75, 90 };
        foreach (var lost in lostFrames)
        {
            var expected = reference.AsSpan(lost * 960, 960);
            var fec = DecodeWithLoss(packets, lost, useFec: true);
            var plc = DecodeWithLoss(packets, lost, useFec: false);
            Assert.True(CodecHarness.Rms(fec) > 0.3 * CodecHarness.Rms(expected), $"FEC output for frame {lost} is near silent");
            fecSum += CodecHarness.Correlation(expected, fec);
            plcSum += CodecHarness.Correlation(expected, plc);
        }

        var fecMean = fecSum / lostFrames.Length;
        var plcMean = plcSum / lostFrames.Length;
        Assert.True(fecMean > 0.5, $"FEC correlation {fecMean:F2} should exceed 0.5");
        Assert.True(fecMean > plcMean + 0.2, $"FEC correlation {fecMean:F2} should clearly beat concealment {plcMean:F2}");
    }

    private static float[] DecodeWithLoss(List<byte[]> packets, int lost, bool useFec)
    {
        using var decoder = new OpusDecoder();
        var pcm = new float[960];
        for (var i = 0; i < lost; i++)
        {
            decoder.Decode(packets[i], pcm);
        }

        // The redundancy for frame `lost` travels in packet lost+1 (SILK LBRR, RFC 6716 §4.2.4).
        var n = useFec ? decoder.Decode(packets[lost + 1], pcm, decodeFec: true) : decoder.DecodeLost(pcm);
        Assert.Equal(960, n);
        return pcm;
    }
}

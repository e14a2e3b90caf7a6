using Broadcast.Audio.Codec;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Codec;

public sealed class OpusAllocationTests
{
    [Fact]
    public void EncodeDecode_AfterWarmUp_AllocatesNothing()
    {
        var speech = Signals.SpeechLikeNoise(0.02);
        var pcm16 = new short[960];
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        using var decoder = new OpusDecoder();
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var output = new float[960];

        RunFrames(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var samples = RunFrames(1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * 960 * 3, samples);

        long RunFrames(int count)
        {
            long total = 0;
            for (var i = 0; i < count; i++)
            {
                var n = encoder.Encode(speech, packet);
                total += decoder.Decode(packet.AsSpan(0, n), output);
                n = encoder.Encode(pcm16, packet);
                total += decoder.Decode(packet.AsSpan(0, n), output, decodeFec: true);
                total += decoder.DecodeLost(output);
            }

            return total;
        }
    }
}

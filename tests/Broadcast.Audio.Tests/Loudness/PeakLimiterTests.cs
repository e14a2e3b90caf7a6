using Broadcast.Audio.Loudness;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Loudness;

public sealed class PeakLimiterTests
{
    [Fact]
    public void Process_LoudBursts_NoSampleAboveThresholdAndQuietPartsUntouched()
    {
        var limiter = new PeakLimiter(ceilingDbtp: -1);
        var threshold = (float)Math.Pow(10, (-1 - PeakLimiter.IntersampleMarginDb) / 20);
        var x = Signals.Sine(300, -30, 2);
        // Three bursts far above the threshold, 0.5 s apart, each 20 ms long.
        foreach (var start in new[] { 12000, 36000, 60000 })
        {
            for (var i = start; i < start + 960; i++)
            {
                x[i] *= 60;
            }
        }

        var y = new float[x.Length + limiter.Lookahead];
        limiter.Process(x, y.AsSpan(0, x.Length));
        limiter.Flush(y.AsSpan(x.Length));
        var aligned = y.AsSpan(limiter.Lookahead, x.Length);

        var peakIndex = Array.IndexOf(aligned.ToArray(), aligned.ToArray().MaxBy(Math.Abs));
        Assert.True(Math.Abs(aligned[peakIndex]) <= threshold + 1e-6f, $"sample {peakIndex} is {aligned[peakIndex]}, threshold {threshold}");
        Assert.True(limiter.MinimumGain < 0.5f, $"minimum gain {limiter.MinimumGain}");
        // Before the first burst's look-ahead and long after the release, the signal passes unchanged.
        for (var i = 0; i < 12000 - limiter.Lookahead - 1; i++)
        {
            Assert.Equal(x[i], aligned[i]);
        }

        Assert.Equal(x[^1], aligned[^1], 4);
    }

    [Fact]
    public void Process_SignalBelowThreshold_IsDelayedCopy()
    {
        var limiter = new PeakLimiter(ceilingDbtp: -1);
        var x = Signals.SpeechLikeNoise(1, peakDbfs: -6);
        var y = new float[x.Length];

        limiter.Process(x, y);

        Assert.Equal(1f, limiter.MinimumGain);
        for (var i = limiter.Lookahead; i < x.Length; i++)
        {
            Assert.Equal(x[i - limiter.Lookahead], y[i]);
        }
    }
}

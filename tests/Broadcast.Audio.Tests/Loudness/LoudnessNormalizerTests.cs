using Broadcast.Audio.Loudness;

namespace Broadcast.Audio.Tests.Loudness;

public sealed class LoudnessNormalizerTests
{
    [Fact]
    public void Plan_QuietProgrammeWithHeadroom_GainIsTargetMinusIntegrated()
    {
        var plan = LoudnessNormalizer.Plan(-23, -10);
        Assert.Equal(new NormalizationPlan(7, PeakLimited: false, Silent: false, -16, -3), plan);
    }

    [Fact]
    public void Plan_LoudProgramme_Attenuates()
    {
        var plan = LoudnessNormalizer.Plan(-9, 0.5);
        Assert.Equal(-7, plan.GainDb, 1e-12);
        Assert.False(plan.PeakLimited);
        Assert.Equal(-6.5, plan.ExpectedTruePeak, 1e-12);
    }

    [Fact]
    public void Plan_PeakWouldExceedCeiling_GainCappedAndFlagged()
    {
        var plan = LoudnessNormalizer.Plan(-24, -4);
        Assert.True(plan.PeakLimited);
        Assert.Equal(3, plan.GainDb, 1e-12);
        Assert.Equal(-1, plan.ExpectedTruePeak, 1e-12);
        Assert.Equal(-21, plan.ExpectedLufs, 1e-12);
    }

    [Fact]
    public void Plan_CustomTargetAndCeiling_Used()
    {
        var plan = LoudnessNormalizer.Plan(-30, -20, targetLufs: -23, maxTruePeakDbtp: -15);
        Assert.Equal(5, plan.GainDb, 1e-12);
        Assert.True(plan.PeakLimited);
    }

    [Theory]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-75.0)]
    [InlineData(double.NaN)]
    public void Plan_Silent_ZeroGainAndFlagged(double integrated)
    {
        var plan = LoudnessNormalizer.Plan(integrated, -60);
        Assert.True(plan.Silent);
        Assert.False(plan.PeakLimited);
        Assert.Equal(0, plan.GainDb);
        Assert.Equal(-60, plan.ExpectedTruePeak);
    }

    [Fact]
    public void ApplyGain_OddLength_ScalesEverySample()
    {
        var x = Enumerable.Range(1, 37).Select(i => (float)i).ToArray();
        LoudnessNormalizer.ApplyGain(x, LoudnessNormalizer.ToLinear(-6.0206));
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal((i + 1) / 2.0, x[i], 1e-3);
        }
    }
}

using Broadcast.FirmwareSim.Impairment;

namespace Broadcast.FirmwareSim.Tests;

public sealed class ImpairmentTests
{
    [Fact]
    public void RandomLoss_FivePercent_LongRunRateWithinTolerance()
    {
        var model = new RandomLoss(0.05, new Random(11));
        var lost = Enumerable.Range(0, 200_000).Count(_ => model.NextIsLost());
        Assert.InRange(lost / 200_000.0, 0.047, 0.053);
    }

    [Fact]
    public void GilbertElliott_PAndR_LongRunRateAndBurstLength()
    {
        var model = new GilbertElliottLoss(0.02, 0.25, new Random(5));
        int lost = 0, bursts = 0;
        var previous = false;
        for (var i = 0; i < 400_000; i++)
        {
            var l = model.NextIsLost();
            lost += l ? 1 : 0;
            bursts += l && !previous ? 1 : 0;
            previous = l;
        }

        Assert.InRange(lost / 400_000.0, model.ExpectedLoss * 0.93, model.ExpectedLoss * 1.07);
        Assert.InRange((double)lost / bursts, 3.6, 4.4);
    }

    [Fact]
    public void ImpairedLink_SameSeed_SameDecisions()
    {
        var profile = new ImpairmentProfile { Loss = 0.1, Jitter = TimeSpan.FromMilliseconds(30) };
        var a = new ImpairedLink(profile, 42);
        var b = new ImpairedLink(profile, 42);
        for (var i = 0; i < 1000; i++)
        {
            var t = TimeSpan.FromMilliseconds(20 * i);
            Assert.Equal(a.Admit(100, t, out var da), b.Admit(100, t, out var db));
            Assert.Equal(da, db);
        }
    }

    [Theory]
    [InlineData("10s@40s", 39.9, false)]
    [InlineData("10s@40s", 40, true)]
    [InlineData("10s@40s", 49.9, true)]
    [InlineData("10s@40s", 50, false)]
    [InlineData("10s@40s", 170, false)]
    [InlineData("10s@40s/120s", 165, true)]
    [InlineData("10s@40s/120s", 171, false)]
    [InlineData("500ms@1s", 1.4, true)]
    public void OutageSchedule_Parsed_IsDownExactlyInItsWindows(string text, double atSeconds, bool down)
    {
        Assert.True(OutageSchedule.TryParse(text, out var schedule, out var error), error);
        Assert.Equal(down, schedule!.IsDown(TimeSpan.FromSeconds(atSeconds)));
    }

    [Theory]
    [InlineData("10s")]
    [InlineData("ten@40s")]
    [InlineData("10s@40s/5s")]
    [InlineData("0s@40s")]
    public void OutageSchedule_Invalid_GivesMessage(string text)
    {
        Assert.False(OutageSchedule.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImpairedLink_Outage_DropsOnlyDuringOutage()
    {
        var link = new ImpairedLink(new ImpairmentProfile { Outages = [new OutageSchedule(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), null)] }, 1);
        Assert.Equal(LinkVerdict.Deliver, link.Admit(100, TimeSpan.FromSeconds(39), out _));
        Assert.Equal(LinkVerdict.Outage, link.Admit(100, TimeSpan.FromSeconds(45), out _));
        Assert.Equal(LinkVerdict.Deliver, link.Admit(100, TimeSpan.FromSeconds(50), out _));
    }

    [Fact]
    public void ImpairedLink_LatencyAndJitter_DelayWithinBounds()
    {
        var link = new ImpairedLink(new ImpairmentProfile { Latency = TimeSpan.FromMilliseconds(80), Jitter = TimeSpan.FromMilliseconds(30) }, 3);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(LinkVerdict.Deliver, link.Admit(100, TimeSpan.FromMilliseconds(20 * i), out var delay));
            Assert.InRange(delay.TotalMilliseconds, 80, 110);
        }
    }

    [Fact]
    public void ImpairedLink_Bandwidth_DropsWhenQueueExceeds200ms()
    {
        // 8 kbit/s = 1000 bytes/s: 100-byte packets every 20 ms (5000 bytes/s) overflow the queue quickly.
        var link = new ImpairedLink(new ImpairmentProfile { BandwidthBitsPerSecond = 8000 }, 3);
        var verdicts = Enumerable.Range(0, 100).Select(i => link.Admit(100, TimeSpan.FromMilliseconds(20 * i), out _)).ToList();
        Assert.Contains(LinkVerdict.Bandwidth, verdicts);
        Assert.InRange(verdicts.Count(v => v == LinkVerdict.Deliver), 20, 25);
    }
}

using Broadcast.FirmwareSim.Playout;

namespace Broadcast.FirmwareSim.Tests;

public sealed class JitterBufferTests
{
    private static readonly byte[] Payload = [1, 2, 3];

    [Fact]
    public void TakeNext_FramesInsertedOutOfOrder_ComeOutInSequence()
    {
        var buffer = new JitterBuffer();
        foreach (var k in new[] { 2, 0, 3, 1 })
        {
            Assert.Equal(JitterInsertResult.Accepted, buffer.Insert((uint)(k * 960), [(byte)k]));
        }

        buffer.Start(0);
        var out1 = new byte[8];
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(JitterTakeResult.Frame, buffer.TakeNext(out1, out var n));
            Assert.Equal(1, n);
            Assert.Equal(k, out1[0]);
        }
    }

    [Fact]
    public void Insert_Duplicate_IsDropped()
    {
        var buffer = new JitterBuffer();
        Assert.Equal(JitterInsertResult.Accepted, buffer.Insert(960, Payload));
        Assert.Equal(JitterInsertResult.Duplicate, buffer.Insert(960, Payload));
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void Insert_AfterItsSlotPlayed_IsLate()
    {
        var buffer = new JitterBuffer();
        buffer.Insert(0, Payload);
        buffer.Start(0);
        buffer.TakeNext(new byte[8], out _);
        Assert.Equal(JitterInsertResult.Late, buffer.Insert(0, Payload));
    }

    [Fact]
    public void TakeNext_RunsDryThenAudioReturns_CountsOneUnderrunPerInterruption()
    {
        var buffer = new JitterBuffer();
        buffer.Insert(0, Payload);
        buffer.Start(0);
        var dest = new byte[8];
        Assert.Equal(JitterTakeResult.Frame, buffer.TakeNext(dest, out _));
        Assert.Equal(JitterTakeResult.Empty, buffer.TakeNext(dest, out _));
        Assert.Equal(JitterTakeResult.Empty, buffer.TakeNext(dest, out _));
        Assert.Equal(0, buffer.Underruns); // dry, but the stream may simply have ended
        buffer.Insert(buffer.Next, Payload);
        Assert.Equal(JitterTakeResult.Frame, buffer.TakeNext(dest, out _));
        Assert.Equal(1, buffer.Underruns); // audio came back: that was an interruption
        Assert.Equal(JitterTakeResult.Empty, buffer.TakeNext(dest, out _));
        buffer.Insert(buffer.Next, Payload);
        Assert.Equal(JitterTakeResult.Frame, buffer.TakeNext(dest, out _));
        Assert.Equal(2, buffer.Underruns);
    }

    [Fact]
    public void TakeNext_RunsDryAtProgrammeEndThenStops_CountsNoUnderrun()
    {
        var buffer = new JitterBuffer();
        buffer.Insert(0, Payload);
        buffer.Start(0);
        var dest = new byte[8];
        buffer.TakeNext(dest, out _);
        Assert.Equal(JitterTakeResult.Empty, buffer.TakeNext(dest, out _));
        buffer.Stop();
        buffer.Insert(0, Payload);
        buffer.Start(0);
        Assert.Equal(JitterTakeResult.Frame, buffer.TakeNext(dest, out _));

        Assert.Equal(0, buffer.Underruns);
    }

    [Fact]
    public void TakeNext_GapWithLaterFrame_IsMissingAndLaterFrameCanBePeekedForFec()
    {
        var buffer = new JitterBuffer();
        buffer.Insert(0, Payload);
        buffer.Insert(1920, [9]);
        buffer.Start(0);
        var dest = new byte[8];
        buffer.TakeNext(dest, out _);
        Assert.Equal(JitterTakeResult.Missing, buffer.TakeNext(dest, out _));
        Assert.True(buffer.TryPeek(buffer.Next, dest, out var n));
        Assert.Equal(9, dest[0]);
        Assert.Equal(1, n);
        Assert.Equal(0, buffer.Underruns);
    }

    [Fact]
    public void AdaptiveDelay_JitteryTransit_GrowsThenShrinksSlowly()
    {
        var delay = new AdaptiveDelay(60);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            delay.OnArrival(80 + (random.NextDouble() * 30));
        }

        Assert.True(delay.TargetMs > 110, $"target {delay.TargetMs}");
        // 20 s of a calm link: the target comes down, but by at most the slow shrink rate.
        var peak = delay.TargetMs;
        for (var i = 0; i < 1000; i++)
        {
            delay.OnArrival(1);
            peak = Math.Max(peak, delay.TargetMs);
            delay.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.True(delay.TargetMs < peak - 10, $"did not shrink: {peak} -> {delay.TargetMs}");
        Assert.True(peak - delay.TargetMs <= (AdaptiveDelay.ShrinkMsPerSecond * 20) + 0.01, $"shrank too fast: {peak} -> {delay.TargetMs}");
    }

    [Fact]
    public void AdaptiveDelay_CalmLink_StaysAtMinimum()
    {
        var delay = new AdaptiveDelay(60);
        for (var i = 0; i < 100; i++)
        {
            delay.OnArrival(2);
        }

        Assert.Equal(60, delay.TargetMs);
    }
}

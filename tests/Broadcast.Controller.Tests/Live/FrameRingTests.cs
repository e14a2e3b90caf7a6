using Broadcast.Controller.Streaming.Live;

namespace Broadcast.Controller.Tests.Live;

public sealed class FrameRingTests
{
    [Fact]
    public void TryWrite_UntilFull_ThenRefusedAndReadInOrder()
    {
        using var ring = new FrameRing(3);
        Assert.True(ring.TryWrite([1]));
        Assert.True(ring.TryWrite([2, 2]));
        Assert.True(ring.TryWrite([3, 3, 3]));
        Assert.False(ring.TryWrite([4]));
        Assert.Equal(3, ring.Count);

        var buffer = new byte[FrameRing.SlotBytes];
        var read = new List<byte[]>();
        while (ring.TryRead(buffer, out var length))
        {
            read.Add(buffer[..length]);
        }

        Assert.Equal([[1], [2, 2], [3, 3, 3]], read);
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Skip_DropsOldestOnly()
    {
        using var ring = new FrameRing(8);
        for (byte i = 0; i < 5; i++)
        {
            Assert.True(ring.TryWrite([i]));
        }

        Assert.Equal(3, ring.Skip(3));
        Assert.True(ring.TryRead(new byte[FrameRing.SlotBytes], out _));
        Assert.Equal(1, ring.Count);
        Assert.Equal(1, ring.Skip(10));
    }

    [Fact]
    public async Task WaitForSpace_Full_ReturnsWhenTheConsumerReads()
    {
        using var ring = new FrameRing(2);
        ring.TryWrite([1]);
        ring.TryWrite([2]);
        var waiter = Task.Factory.StartNew(() => ring.WaitForSpace(TimeSpan.FromSeconds(30), CancellationToken.None), TaskCreationOptions.LongRunning);

        Assert.True(ring.TryRead(new byte[FrameRing.SlotBytes], out _));

        Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ring.TryWrite([3]));
    }

    [Fact]
    public void WaitForSpace_FullAndCancelled_ReturnsFalse()
    {
        using var ring = new FrameRing(2);
        ring.TryWrite([1]);
        ring.TryWrite([2]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(ring.WaitForSpace(TimeSpan.FromSeconds(30), cancelled.Token));
    }
}

using Broadcast.Protocol.Media;
using Broadcast.Protocol.Replay;

namespace Broadcast.Protocol.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void SealTagVerifyOpen_AfterWarmUp_AllocatesNothing()
    {
        using var path = new MediaPathFixture();
        ushort seq = 0;
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Equal(MediaOpenStatus.Ok, path.Open(path.SealAndTag(seq++)));
        }

        var failures = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            failures += path.Open(path.SealAndTag(seq++)) == MediaOpenStatus.Ok ? 0 : 1;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RejectedPackets_AfterWarmUp_AllocateNothing()
    {
        using var path = new MediaPathFixture();
        var length = path.SealAndTag(1);
        Assert.Equal(MediaOpenStatus.Ok, path.Open(length));
        for (var i = 0; i < 20_000; i++)
        {
            path.Open(length);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var accepted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            accepted += path.Open(length) == MediaOpenStatus.Ok ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, accepted);
    }

    [Fact]
    public void ReplayWindow_CheckAndUpdate_AllocatesNothing()
    {
        var window = new ReplayWindow();
        for (ulong i = 0; i < 10_000; i++)
        {
            window.TryUpdate(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 10_000; i < 20_000; i++)
        {
            window.Check(i);
            window.TryUpdate(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

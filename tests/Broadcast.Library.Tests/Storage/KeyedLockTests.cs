using Broadcast.Library.Storage;

namespace Broadcast.Library.Tests.Storage;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task AcquireAsync_SameKey_SecondWaitsForTheFirst()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("a", CancellationToken.None);

        var second = locks.AcquireAsync("a", CancellationToken.None);
        var other = locks.AcquireAsync("b", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();
        (await other).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_LeavesNoEntry()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("a", CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("a", cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        Assert.Equal(0, locks.Count);
    }
}

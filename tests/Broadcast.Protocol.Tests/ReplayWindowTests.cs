using Broadcast.Protocol.Replay;
using FsCheck.Xunit;

namespace Broadcast.Protocol.Tests;

public sealed class ReplayWindowTests
{
    [Fact]
    public void Check_FirstIndexZero_Fresh()
    {
        var window = new ReplayWindow();
        Assert.Equal(ReplayCheck.Fresh, window.Check(0));
        Assert.True(window.TryUpdate(0));
        Assert.Equal(ReplayCheck.Replayed, window.Check(0));
    }

    [Fact]
    public void Check_JustInsideAndOutsideWindow_FreshThenTooOld()
    {
        var window = new ReplayWindow();
        Assert.True(window.TryUpdate(5000));

        Assert.Equal(ReplayCheck.Fresh, window.Check(5000 - ReplayWindow.WindowSize + 1));
        Assert.Equal(ReplayCheck.TooOld, window.Check(5000 - ReplayWindow.WindowSize));
        Assert.True(ReplayWindow.WindowSize >= 128);
    }

    [Fact]
    public void Check_WithoutUpdate_WindowUnchanged()
    {
        var window = new ReplayWindow();
        Assert.Equal(ReplayCheck.Fresh, window.Check(1_000_000));
        Assert.Equal(0UL, window.Highest);
        Assert.True(window.TryUpdate(3));
    }

    [Fact]
    public void TryUpdate_HugeJump_ClearsOldBits()
    {
        var window = new ReplayWindow();
        for (ulong i = 0; i < 64; i++)
        {
            Assert.True(window.TryUpdate(i));
        }

        Assert.True(window.TryUpdate(ulong.MaxValue - 1));
        Assert.Equal(ReplayCheck.Fresh, window.Check(ulong.MaxValue - 2));
        Assert.Equal(ReplayCheck.TooOld, window.Check(5));
        Assert.Equal(ReplayCheck.Fresh, window.Check(ulong.MaxValue));
    }

    /// <summary>Against a reference model (a set plus the highest index), for random index sequences.</summary>
    [Property(MaxTest = 200)]
    public bool TryUpdate_RandomSequence_MatchesReferenceModel(ushort[] deltas, bool[] backwards)
    {
        deltas ??= [];
        backwards ??= [];
        var window = new ReplayWindow();
        var seen = new HashSet<ulong>();
        ulong highest = 0;
        ulong index = 2000;
        for (var i = 0; i < deltas.Length; i++)
        {
            var delta = (ulong)(deltas[i] % 1500);
            index = i < backwards.Length && backwards[i] ? (index > delta ? index - delta : 0) : index + delta;
            var expectedFresh = !seen.Contains(index) && (index > highest || highest - index < ReplayWindow.WindowSize);
            if (window.TryUpdate(index) != expectedFresh)
            {
                return false;
            }

            if (expectedFresh)
            {
                seen.Add(index);
                highest = Math.Max(highest, index);
            }
        }

        return true;
    }
}

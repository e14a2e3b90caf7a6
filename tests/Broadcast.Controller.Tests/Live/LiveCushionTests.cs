using Broadcast.Controller.Streaming;
using Broadcast.Controller.Streaming.Live;

namespace Broadcast.Controller.Tests.Live;

/// <summary>The pacer's side of a live relay: cushion, starvation, flush and the latency trim.</summary>
public sealed class LiveCushionTests : IDisposable
{
    private const int Cushion = 10;
    private readonly FrameRing _ring = new(100);
    private readonly LiveCushion _cushion;
    private readonly TestMeterFactory _meters;
    private readonly byte[] _buffer = new byte[FrameRing.SlotBytes];
    private byte _next;

    public LiveCushionTests()
    {
        var metrics = TestMeterFactory.Metrics(out _meters);
        _cushion = new LiveCushion(_ring, Cushion, metrics);
    }

    [Fact]
    public void Read_BelowCushion_StarvedUntilItFillsThenOneFramePerDeadlineInOrder()
    {
        Produce(Cushion - 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(FrameRead.Starved, _cushion.Read(_buffer, out _));
        }

        Produce(1);
        Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out var length));
        Assert.Equal(1, length);
        Assert.Equal(0, _buffer[0]);
        Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
        Assert.Equal(1, _buffer[0]);
        Assert.Equal(3, _cushion.Starved);
        Assert.Equal(Cushion - 2, _ring.Count);
    }

    [Fact]
    public void Read_RunsDry_StarvesAndWaitsForAFullCushionAgain()
    {
        Produce(Cushion);
        for (var i = 0; i < Cushion; i++)
        {
            Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
        }

        Assert.Equal(FrameRead.Starved, _cushion.Read(_buffer, out _));

        // One frame back is not enough: playing it would starve again at the next deadline (a stutter).
        Produce(1);
        Assert.Equal(FrameRead.Starved, _cushion.Read(_buffer, out _));
        Produce(Cushion - 1);
        Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
        Assert.Equal(2, _cushion.Starved);
    }

    [Fact]
    public void Read_BurstAtConnect_ExcessDroppedAfterOneWindowAndLevelBackAtCushion()
    {
        const int burst = 40;
        Produce(burst);

        // Real time from here on: one frame in per frame out, so the level never drops below what the burst left.
        for (var i = 0; i < LiveCushion.WindowFrames; i++)
        {
            Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
            Produce(1);
        }

        Assert.Equal(burst - Cushion, _cushion.Skipped);
        Assert.Equal(Cushion, _ring.Count);
        Assert.Equal(0, _cushion.Starved);
    }

    [Fact]
    public void Read_ExcessWithinSlack_NothingDropped()
    {
        Produce(Cushion + LiveCushion.SlackFrames);
        for (var i = 0; i < 2 * LiveCushion.WindowFrames; i++)
        {
            Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
            Produce(1);
        }

        Assert.Equal(0, _cushion.Skipped);
    }

    [Fact]
    public void RequestFlush_DropsBufferedAudioAndRefillsTheCushion()
    {
        Produce(Cushion + 5);
        Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));

        _cushion.RequestFlush();

        Assert.Equal(FrameRead.Starved, _cushion.Read(_buffer, out _));
        Assert.Equal(0, _ring.Count);
        Produce(Cushion);
        Assert.Equal(FrameRead.Frame, _cushion.Read(_buffer, out _));
        Assert.Equal(Cushion + 5, _buffer[0]);
    }

    [Fact]
    public void Read_Steady_AllocatesNothing()
    {
        Produce(Cushion);
        _cushion.Read(_buffer, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Produce(1);
            _cushion.Read(_buffer, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public void Dispose()
    {
        _ring.Dispose();
        _meters.Dispose();
    }

    private void Produce(int frames)
    {
        Span<byte> frame = stackalloc byte[1];
        for (var i = 0; i < frames; i++)
        {
            frame[0] = _next++;
            Assert.True(_ring.TryWrite(frame));
        }
    }
}

using Broadcast.Audio.Codec;
using Broadcast.FirmwareSim.Playout;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>What a cluster's player reports about interruptions of its media, on a virtual clock.</summary>
public sealed class OutageReportTests
{
    private static readonly TimeSpan PlayoutDelay = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Player_TenSecondOutage_ReportsOneWindowWithLinkTimesAndResume()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var clock = new SimClock(time);
        using var player = new ClusterPlayer(clock, 60, record: false);
        player.Play(7, clock.StartWall + PlayoutDelay);

        // Frame k is sent (and arrives) at 20k ms and plays at 500 + 20k ms. The link drops 300 ms from 1 s (loss,
        // not an outage) and 10 s from 2 s: the last packet before it arrives at 1980 ms, the first after at 12000 ms.
        Run(time, clock, player, channel: 7, frames: 800, down: t => t is >= 1000 and < 1300 or >= 2000 and < 12000);

        Assert.Equal(1, player.Stats.Outages);
        var window = Assert.Single(player.Stats.OutageWindows);
        Assert.Equal(1980, window.StartMs);
        Assert.Equal(12000, window.EndMs);

        // Frame 600 (the first after the gap) is due at 500 + 12000 ms: audio is back on its slot, to the frame.
        Assert.NotNull(window.ResumedMs);
        Assert.InRange(window.ResumedMs!.Value, 12500, 12520);
        Assert.Equal(10020, player.Stats.LongestGapMs);
    }

    [Fact]
    public void Player_NextProgrammeStartsAfterAPause_IsNoOutage()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var clock = new SimClock(time);
        using var player = new ClusterPlayer(clock, 60, record: false);
        player.Play(7, clock.StartWall + PlayoutDelay);
        Run(time, clock, player, channel: 7, frames: 100, down: _ => false);
        player.Stop();
        time.Advance(TimeSpan.FromSeconds(5));

        // A second programme on another channel, 5 s after the first ended, then the first one again.
        player.Play(8, time.GetUtcNow() + PlayoutDelay);
        Run(time, clock, player, channel: 8, frames: 100, down: _ => false);
        time.Advance(TimeSpan.FromSeconds(3));
        player.Play(7, time.GetUtcNow() + PlayoutDelay);
        Run(time, clock, player, channel: 7, frames: 100, down: _ => false);

        Assert.Equal(0, player.Stats.Outages);
        Assert.Empty(player.Stats.OutageWindows);
        Assert.Equal(20, player.Stats.LongestGapMs);
        Assert.True(player.Stats.PlayedFrames >= 280, $"played only {player.Stats.PlayedFrames} frames");
    }

    /// <summary>
    /// Sends <paramref name="frames"/> frames of a 440 Hz tone, one per 20 ms of virtual time from now, dropping those
    /// sent while <paramref name="down"/> (ms since this call) holds; renders every 10 ms and 1 s past the end.
    /// </summary>
    internal static void Run(FakeTimeProvider time, SimClock clock, ClusterPlayer player, uint channel, int frames, Func<int, bool> down)
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        var pcm = new float[960];
        var opus = new byte[OpusEncoder.MaxPacketBytes];
        for (var t = 0; t < (frames * 20) + 1000; t += 10)
        {
            if (t % 20 == 0 && t / 20 < frames)
            {
                var k = t / 20;
                for (var i = 0; i < pcm.Length; i++)
                {
                    pcm[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 440 * ((k * 960) + i) / 48_000));
                }

                var n = encoder.Encode(pcm, opus);
                if (!down(t))
                {
                    player.OnFrame((uint)(k * 960), opus.AsSpan(0, n), clock.NowWall);
                }
            }

            time.Advance(TimeSpan.FromMilliseconds(10));
            player.Render(clock.NowSample);
        }
    }
}

using Broadcast.FirmwareSim.Playout;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>--no-decode: the same playout decisions and report as a decoding cluster, without the Opus work.</summary>
public sealed class LoadTestModeTests
{
    [Fact]
    public void Player_NoDecode_SameDecisionsAsDecodingPlayer()
    {
        // Every 13th packet lost (FEC from the next one), and a 3 s outage: played, FEC, concealed and outages all move.
        Func<int, bool> down = t => (t / 20 % 13 == 5) || t is >= 4000 and < 7000;
        var decoding = Play(decode: true, down);
        var counting = Play(decode: false, down);

        Assert.True(decoding.FecFrames > 10 && decoding.ConcealedFrames > decoding.FecFrames && decoding.Outages == 1, $"the scenario moved nothing: {Describe(decoding)}");
        Assert.Equal(Describe(decoding), Describe(counting));
    }

    private static PlayoutStats Play(bool decode, Func<int, bool> down)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var clock = new SimClock(time);
        using var player = new ClusterPlayer(clock, 60, record: false, decode: decode);
        player.Play(7, clock.StartWall + TimeSpan.FromMilliseconds(500));
        OutageReportTests.Run(time, clock, player, channel: 7, frames: 500, down: down);
        return player.Stats;
    }

    private static string Describe(PlayoutStats s) =>
        $"played {s.PlayedFrames}, FEC {s.FecFrames}, concealed {s.ConcealedFrames}, late {s.Late}, outages {s.Outages}, longest gap {s.LongestGapMs} ms, windows {string.Join(";", s.OutageWindows)}";
}

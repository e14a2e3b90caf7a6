using System.Globalization;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests;

/// <summary>Issue 4, first "done when": the whole district handshakes, plays one programme, in step and intact.</summary>
public sealed class DistrictProgrammeTests(DistrictProgrammeFixture run, ITestOutputHelper output) : IClassFixture<DistrictProgrammeFixture>
{
    private const double Rate = 48.0; // samples per ms

    [Fact]
    public void Handshake_WholeDistrict_EveryClusterHoldsASession()
    {
        output.WriteLine(Inv($"{run.Rig.Clusters.Count} clusters handshaked in {run.Rig.HandshakeTime.TotalSeconds:F2} s; run took {run.Elapsed.TotalSeconds:F1} s and {run.CpuSeconds:F1} CPU s until the simulator stopped"));
        output.WriteLine(run.Timeline);
        Assert.Equal(run.Rig.Clusters.Count, run.Report.Totals.HandshakeOk);
        Assert.Empty(run.Report.Clusters.Where(c => !c.HandshakeOk).Select(c => $"{c.Id} has no session ({c.Fault})"));
    }

    [Fact]
    public void Endpoints_DuringProgramme_ApiShowsEveryClusterOnlineAndPlaying()
    {
        var views = run.EndpointsDuring.ToDictionary(e => e.GetProperty("id").GetString()!, StringComparer.Ordinal);
        foreach (var id in run.Rig.Sim.ClusterIds)
        {
            Assert.True(views.TryGetValue(id, out var view), $"{id} missing from GET /api/endpoints");
            Assert.True(view.GetProperty("online").GetBoolean(), $"{id} offline in GET /api/endpoints: {view}");
            Assert.Equal(run.Started.Channel, view.GetProperty("playingChannel").GetUInt32());
            var cluster = run.Rig.Clusters.Single(c => c.Cluster.Id == id).Cluster;
            Assert.Equal(cluster.Bind.Split('/')[0], view.GetProperty("address").GetString());
            if (view.GetProperty("transport").GetString() == "udp")
            {
                Assert.StartsWith(cluster.Bind.Split('/')[0] + ":", view.GetProperty("mediaAddress").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Broadcast_ProgrammeEnds_ControllerEndsItAndNoClusterRejectedAPacket()
    {
        Assert.Empty(run.BroadcastsAfter);
        Assert.Empty(run.Report.Clusters.Where(c => c.PacketsRejected.Auth + c.PacketsRejected.Replay + c.PacketsRejected.Malformed > 0)
            .Select(c => $"{c.Id} rejected {c.PacketsRejected}"));
        var frames = (int)Math.Round(run.Started.DurationSeconds * 50);
        Assert.Empty(run.Report.Clusters.Where(c => c.PacketsReceived < frames).Select(c => $"{c.Id} received {c.PacketsReceived} of {frames} packets, lost {c.PacketsLost}"));
    }

    [Fact]
    public void Playout_DistrictProgramme_EveryRecordingMatchesTheDecodedFileWithoutGap()
    {
        var worst = run.Matches.MinBy(m => m.Correlation)!;
        var worstFrame = run.Matches.MinBy(m => m.WorstFrameCorrelation)!;
        output.WriteLine(Inv($"{run.Seconds} s programme; correlation min {worst.Correlation:F4} ({worst.Id}); worst 20 ms frame {worstFrame.WorstFrameCorrelation:F3} ({worstFrame.Id} frame {worstFrame.WorstFrame}); longest zero run {run.Matches.Max(m => m.LongestZeroRun) / Rate:F2} ms"));
        Assert.Equal(run.Rig.Clusters.Count, run.Matches.Count);
        Assert.Empty(run.Matches.Where(m => m.Correlation < 0.95).Select(m => Inv($"{m.Id}: correlation {m.Correlation:F3} < 0.95 (lag {m.Lag / Rate:F2} ms)")));

        // Silence or concealment inside the programme: a 20 ms frame that no longer follows the file.
        Assert.Empty(run.Matches.Where(m => m.WorstFrameCorrelation < 0.9).Select(m => Inv($"{m.Id}: gap at {m.WorstFrame * 20} ms into the programme (frame correlation {m.WorstFrameCorrelation:F3})")));
        Assert.Empty(run.Matches.Where(m => m.LongestZeroRun >= 480).Select(m => Inv($"{m.Id}: {m.LongestZeroRun / Rate:F1} ms of silence inside the programme")));
    }

    [Fact]
    public void Playout_DistrictProgramme_SkewBetweenAnyTwoClustersAtMost5Ms()
    {
        var points = run.Lags.Values.First().Length;
        var skews = Enumerable.Range(0, points).Select(p => run.Lags.Values.Max(l => l[p]) - run.Lags.Values.Min(l => l[p])).ToList();
        var offsets = run.Matches.Select(m => (m.Lag - run.PreSkip) / Rate).ToList();
        output.WriteLine(Inv($"skew at start/middle/end: {string.Join(" / ", skews.Select(s => (s / Rate).ToString("F3", CultureInfo.InvariantCulture)))} ms; playout offset from the nominal start (pre-skip removed) {offsets.Min():F2} .. {offsets.Max():F2} ms"));
        Assert.All(skews, s => Assert.True(s <= 5 * Rate, Inv($"skew between clusters {s / Rate:F2} ms > 5 ms")));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Broadcast.IntegrationTests.Audio;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Issue 5 (simulator), "done when": with 5% random loss and FEC the recording has no gap over 40 ms and correlates at
/// least 0.9 with the source; after a 10 s outage the cluster plays again within 2 s of the link returning and reports
/// the outage. Also a periodic re-handshake (protocol section 5.3) in the middle of a programme.
/// </summary>
public sealed class ResilienceTests(ResilienceFixture run, ITestOutputHelper output) : IClassFixture<ResilienceFixture>
{
    private const int Frame = 960;
    private const double SamplesPerMs = 48.0;

    [Fact]
    public void Outage_TenSecondsThenLinkBack_ResumesWithin2sAndReportsTheOutage()
    {
        var downFrame = (int)(ResilienceFixture.OutageAt.TotalMilliseconds / 20);
        var upFrame = (int)((ResilienceFixture.OutageAt + ResilienceFixture.OutageLength).TotalMilliseconds / 20);
        foreach (var id in ResilienceFixture.OutageClusters)
        {
            var recording = run.Rig.Recording(id);
            var before = ProgrammeMatch.Measure(id, run.Reference, recording, run.Origin, Frame, (downFrame - 1) * Frame);
            Assert.True(before.Correlation >= 0.95 && before.WorstFrameCorrelation >= 0.9, $"{id} before the outage: {before}");

            // The outage happened: once the buffered half second has played out, the cluster plays silence until the link returns.
            var silentFrom = run.Rig.SampleOf(run.LinkDown + TimeSpan.FromSeconds(1.5));
            var silentTo = run.Rig.SampleOf(run.LinkUp);
            var silence = ProgrammeMatch.ZeroRun(recording.AsSpan((int)silentFrom, (int)(silentTo - silentFrom)));
            Assert.True(silence == silentTo - silentFrom, Inv($"{id} played during its outage: only {silence / SamplesPerMs:F0} of {(silentTo - silentFrom) / SamplesPerMs:F0} ms silent"));

            // Resumed = the first frame from which every frame to the end plays the programme again.
            var frames = ProgrammeMatch.FrameCorrelations(run.Reference, recording, run.Origin + before.Lag, upFrame, (run.Reference.Length / Frame) - 10);
            var resumed = Array.FindLastIndex(frames, c => c < 0.9) + 1;
            Assert.True(resumed < frames.Length, $"{id} never played the programme again after the link returned");
            var resumedAfterMs = resumed * 20;
            Assert.True(resumedAfterMs <= 2000, $"{id} played the programme again only {resumedAfterMs} ms after the link returned");

            // The report tells the same story: one outage, when the link went and came back, and when audio returned.
            var report = run.Cluster(id);
            Assert.Equal(1, report.Outages);
            var window = Assert.Single(report.OutageWindows);
            // The last packet before the link went down: one 20 ms frame earlier, more when the pacer ran late on a busy machine.
            Assert.InRange(window.StartMs, run.LinkDownMs - 250, run.LinkDownMs);
            Assert.InRange(window.EndMs, run.LinkUpMs, run.LinkUpMs + 200);
            Assert.NotNull(window.ResumedMs);
            var heardAtMs = (long)Math.Round((run.Origin + before.Lag + ((long)(upFrame + resumed) * Frame)) / SamplesPerMs);
            Assert.True(Math.Abs(window.ResumedMs!.Value - heardAtMs) <= 100, Inv($"{id}: report says audio returned at {window.ResumedMs} ms, the recording at {heardAtMs} ms"));
            Assert.True(report.LongestGapMs >= 10_000, $"{id}: longest gap {report.LongestGapMs} ms");
            Assert.InRange(report.LinkDropped, 480, 520);
            output.WriteLine(Inv($"{id}: link down {window.StartMs}..{window.EndMs} ms (scheduled {run.LinkDownMs}..{run.LinkUpMs}), audio back at {window.ResumedMs} ms = {window.ResumedMs - run.LinkUpMs} ms after the link; recording: {resumedAfterMs} ms"));
        }
    }

    [Fact]
    public void Loss_FivePercentRandomWithFec_NoGapOver40MsAndCorrelatesAtLeast09()
    {
        foreach (var id in ResilienceFixture.LossClusters)
        {
            var report = run.Cluster(id);
            var match = run.Whole(id);
            var gap = SilenceGaps.Longest(run.Reference, run.Rig.Recording(id), run.Origin + match.Lag, Frame, run.Reference.Length - Frame);
            output.WriteLine(Inv($"{id}: link dropped {report.LinkDropped} of {report.LinkDropped + report.PacketsReceived} packets, FEC {report.FecMs} ms, concealed {report.ConcealedMs} ms; correlation {match.Correlation:F3}, worst frame {match.WorstFrameCorrelation:F2}, longest gap {gap / SamplesPerMs:F0} ms"));

            // About 50 of 1,000 packets lost: the impairment really acted, and FEC recovered frames.
            Assert.InRange(report.LinkDropped, 20, 100);
            Assert.True(report.FecMs > 0, $"{id}: no frame was recovered with FEC");
            Assert.True(match.Correlation >= 0.9, Inv($"{id}: correlation {match.Correlation:F3} < 0.9"));
            Assert.True(gap <= 40 * SamplesPerMs, Inv($"{id}: {gap / SamplesPerMs:F0} ms of silence inside the programme"));
            Assert.Equal(0, report.Underruns);
            Assert.Equal(0, report.Outages);
        }
    }

    [Fact]
    public void Rehandshake_DuringProgramme_NewSessionAndTheProgrammePlaysOn()
    {
        Assert.Equal(ResilienceFixture.RehandshakeClusters.Length, run.HandshakesAfter - run.HandshakesBeforeRenewal);
        var around = (int)(ResilienceFixture.RehandshakeAt.TotalMilliseconds / 20);
        foreach (var id in ResilienceFixture.RehandshakeClusters)
        {
            var report = run.Cluster(id);
            Assert.Equal(2, report.Handshakes);
            Assert.Equal(0, report.PacketsRejected.Total);
            var match = run.Whole(id);
            var recording = run.Rig.Recording(id);
            var gap = SilenceGaps.Longest(run.Reference, recording, run.Origin + match.Lag, Frame, run.Reference.Length - Frame);
            var frames = ProgrammeMatch.FrameCorrelations(run.Reference, recording, run.Origin + match.Lag, around - 25, around + 100);
            output.WriteLine(Inv($"{id}: {report.Handshakes} sessions, lost {report.PacketsLost}, concealed {report.ConcealedMs} ms; correlation {match.Correlation:F3}, worst frame {match.WorstFrameCorrelation:F2}; frames under 0.9 around the renewal: {frames.Count(c => c < 0.9)}"));
            Assert.True(match.Correlation >= 0.95, Inv($"{id}: correlation {match.Correlation:F3}"));
            Assert.True(gap <= 40 * SamplesPerMs, Inv($"{id}: {gap / SamplesPerMs:F0} ms of silence inside the programme"));
        }
    }

    [Fact]
    public void Clean_ClustersBesideTheImpairedOnes_PlayTheWholeProgrammeWithoutOutage()
    {
        var impaired = ResilienceFixture.OutageClusters.Concat(ResilienceFixture.LossClusters).Concat(ResilienceFixture.RehandshakeClusters).ToHashSet();
        var clean = run.Rig.Sim.ClusterIds.Where(id => !impaired.Contains(id)).ToList();
        Assert.Equal(6, clean.Count);
        foreach (var id in clean)
        {
            var report = run.Cluster(id);
            var match = run.Whole(id);
            Assert.True(match.Correlation >= 0.95 && match.WorstFrameCorrelation >= 0.9, $"{id}: {match}");
            Assert.Equal(0, report.Outages);
            Assert.Empty(report.OutageWindows);
            Assert.True(report.LongestGapMs < 1000, $"{id}: longest gap {report.LongestGapMs} ms");
            Assert.Equal(0, report.LinkDropped);
            Assert.Equal(1, report.Handshakes);
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

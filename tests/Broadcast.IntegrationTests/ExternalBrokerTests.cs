using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Tests.Common;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Issue 4, last "done when": the controller on an external Mosquitto; the broker is killed mid-broadcast and
/// restarted on the same port 2 s later. With an external broker the controller cannot see client addresses, so
/// the IP check happens on the UDP registration (protocol section 11).
/// </summary>
public sealed class ExternalBrokerTests(ITestOutputHelper output)
{
    private const int Frame = 960;

    [Fact]
    public async Task Broadcast_MosquittoKilledAndRestarted_ClustersRehandshakeAndProgrammeResumes()
    {
        using var files = new TempDirectory();
        using var broker = new MosquittoBroker(files.Path);
        await broker.StartAsync();

        // The whole town: 12 clusters on UDP media and BX-BX-16 on MQTT media through Mosquitto.
        await using var rig = await ControllerRig.StartAsync(new RigOptions { ClusterCount = 13, ExternalBrokerPort = broker.Port });
        var programme = Programmes.WriteOpus(files.File("district.opus"), Signals.SpeechLikeNoise(14, seed: 3));
        var started = await rig.PostBroadcastAsync(programme, "commune:thi-tran-bat-xat", "district");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var ids = rig.Sim.ClusterIds;
        var playoutStart = await rig.WaitUntilPlayingAsync(ids, started.Channel, TimeSpan.FromSeconds(5));
        var accepted = (await rig.MetricsAsync()).HandshakesAccepted;

        await ControllerRig.SleepUntilAsync(playoutStart + TimeSpan.FromSeconds(3));
        broker.Kill();
        var killedAt = TimeProvider.System.GetUtcNow();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await broker.StartAsync();
        var restartedAt = TimeProvider.System.GetUtcNow();

        // Every cluster notices, reconnects, and completes a new handshake (the controller counts them).
        var clock = Stopwatch.StartNew();
        while ((await rig.MetricsAsync()).HandshakesAccepted < accepted + ids.Count || rig.Sim.Snapshot().Any(c => !c.Online))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"after the broker came back: {(await rig.MetricsAsync()).HandshakesAccepted - accepted} of {ids.Count} re-handshakes, offline: {string.Join(", ", rig.Sim.Snapshot().Where(c => !c.Online).Select(c => c.Id))}");
            await Task.Delay(100);
        }

        var rehandshaked = clock.Elapsed;
        var end = playoutStart + TimeSpan.FromSeconds(started.DurationSeconds);
        await ControllerRig.SleepUntilAsync(end + TimeSpan.FromSeconds(1));

        // Nothing crashed: the API answers and the broadcast ended by itself at the end of its programme.
        Assert.Empty((await rig.Http.GetFromJsonAsync<JsonElement>("/api/broadcasts")).EnumerateArray());
        var report = await rig.Sim.StopAsync();
        Assert.All(report.Clusters, c => Assert.Null(c.Fault));

        var reference = Programmes.Decode(programme);
        var origin = rig.SampleOf(playoutStart);
        var resumeDelays = new List<double>();
        foreach (var id in ids)
        {
            var recording = rig.Recording(id);
            var before = ProgrammeMatch.Measure(id, reference, recording, origin, Frame, (int)(rig.SampleOf(killedAt) - origin) - Frame);
            Assert.True(before.Correlation >= 0.95 && before.WorstFrameCorrelation >= 0.9, $"{id} before the broker died: {before}");

            // From the broker's return on: the first frame that plays the programme again, then no gap to the end.
            var first = (int)((rig.SampleOf(restartedAt) - origin) / Frame);
            var last = (int)((rig.SampleOf(end) - origin) / Frame) - 10;
            var frames = ProgrammeMatch.FrameCorrelations(reference, recording, origin + before.Lag, first, last);
            // Resumed = from this frame to the end every frame plays the programme (isolated frames that match
            // during the reconnection do not count).
            var resumed = Array.FindLastIndex(frames, c => c < 0.9) + 1;
            Assert.True(resumed < frames.Length, $"{id}: the programme never resumed after the broker returned");
            resumeDelays.Add(resumed * 20 / 1000.0);
            Assert.True(resumed * 20 <= 5000, $"{id}: the programme played steadily again only {resumed * 20} ms after the broker returned");
        }

        output.WriteLine(FormattableString.Invariant($"{ids.Count} clusters re-handshaked {rehandshaked.TotalSeconds:F2} s after Mosquitto returned; programme audible again after {resumeDelays.Min():F2} .. {resumeDelays.Max():F2} s"));
    }
}

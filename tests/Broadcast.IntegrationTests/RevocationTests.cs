using System.Diagnostics;
using System.Net;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Protocol section 10 for real: during a broadcast to 8 simulated clusters, one is revoked the way
/// <c>bcast endpoint revoke</c> does it (rewriting <c>DATA/endpoints.json</c>, no API call). The running controller
/// notices the file change, says Bye(revoked), drops the session and rekeys the channel for the other seven.
/// </summary>
public sealed class RevocationTests
{
    private const string Victim = "BX-BX-03";

    // What may still play after the controller acted: frames sealed before the switch (200 ms) still in the
    // cluster's buffer (playout delay 500 ms, jitter buffer), with room to spare.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task RevokeByRegistryFile_DuringBroadcast_VictimFallsSilentOthersPlayOnWithoutGap()
    {
        await using var rig = await ControllerRig.StartAsync(new RigOptions
        {
            ClusterCount = 8,
            ControllerArgs = ["--Controller:RegistryCheckInterval=00:00:02"],
        });
        using var files = new TempDirectory();
        var programme = Programmes.WriteOpus(files.File("district-news.opus"), Signals.SpeechLikeNoise(10, seed: 23));
        var started = await rig.PostBroadcastAsync(programme, "commune:thi-tran-bat-xat", "district");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var ids = rig.Sim.ClusterIds;
        Assert.Contains(Victim, ids);
        var playoutStart = await rig.WaitUntilPlayingAsync(ids, started.Channel, TimeSpan.FromSeconds(5));

        // Revoke 3 s into the programme, as the CLI does it: through the registry file only.
        await ControllerRig.SleepUntilAsync(playoutStart + TimeSpan.FromSeconds(3));
        var revokedAt = TimeProvider.System.GetUtcNow();
        Assert.True(JsonEndpointRegistry.Open(Path.Combine(rig.DataDir, "endpoints.json")).Revoke(Victim));

        // The controller notices within a few seconds: the victim is offline and plays nothing in its view.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = (await rig.EndpointsAsync()).Single(e => e.GetProperty("id").GetString() == Victim);
            if (!view.GetProperty("online").GetBoolean() && view.GetProperty("playingChannel").GetUInt32() == 0)
            {
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the controller still shows {Victim} as {view} 10 s after endpoints.json revoked it");
            await Task.Delay(50);
        }

        var actedAt = TimeProvider.System.GetUtcNow();
        await ControllerRig.SleepUntilAsync(actedAt + Margin);
        var cut = TimeProvider.System.GetUtcNow();
        var playedAtCut = rig.Sim.Snapshot().Single(c => c.Id == Victim).PlayedMs;

        await ControllerRig.SleepUntilAsync(playoutStart + TimeSpan.FromSeconds(started.DurationSeconds + 0.8));
        var report = await rig.Sim.StopAsync();
        var metrics = await rig.MetricsAsync();

        // The victim: it was playing before, then decoded no programme frame after the cut, and its output is silent.
        var victim = report.Clusters.Single(c => c.Id == Victim);
        Assert.True(playedAtCut > 2_000, $"{Victim} played only {playedAtCut} ms before the revocation");
        Assert.True(victim.PlayedMs == playedAtCut, $"{Victim} played {victim.PlayedMs - playedAtCut} ms more after the revocation took effect (+{Margin.TotalSeconds} s)");
        var recording = rig.Recording(Victim);
        var from = (int)rig.SampleOf(cut);
        var to = (int)Math.Min(recording.Length, rig.SampleOf(playoutStart + TimeSpan.FromSeconds(started.DurationSeconds)));
        Assert.True(to - from > 48_000 * 3, $"only {(to - from) / 48} ms of recording after the cut to judge");
        var loudest = 0f;
        for (var i = from; i < to; i++)
        {
            loudest = Math.Max(loudest, Math.Abs(recording[i]));
        }

        Assert.True(loudest == 0f, $"{Victim} output peaks at {loudest} after the revocation took effect");
        var before = rig.Recording(Victim).AsSpan((int)rig.SampleOf(revokedAt - TimeSpan.FromSeconds(1)), 48_000).ToArray();
        Assert.Contains(before, s => s != 0f); // It really was playing programme audio right before.

        // One handshake per cluster, none after the revocation (the simulated cluster stops after Bye(revoked)).
        Assert.True(metrics.HandshakesAccepted == 8, $"handshakes accepted: {metrics.HandshakesAccepted}");

        // The others: the whole programme and, above all, the seconds around the rekey, with no gap.
        var reference = Programmes.Decode(programme);
        var origin = rig.SampleOf(playoutStart);
        var rekeyAt = (int)((revokedAt - playoutStart).TotalSeconds * ControllerRig.Rate);
        var aroundFrom = Math.Max(960, rekeyAt - ControllerRig.Rate);
        var aroundTo = Math.Min(reference.Length - 960, (int)((actedAt - playoutStart).TotalSeconds * ControllerRig.Rate) + (3 * ControllerRig.Rate));
        foreach (var id in ids.Where(id => id != Victim))
        {
            var whole = ProgrammeMatch.Measure(id, reference, rig.Recording(id), origin, 960, reference.Length - 960);
            Assert.True(whole.Correlation >= 0.95 && whole.WorstFrameCorrelation >= 0.9, $"{id}, whole programme: {whole}");
            var around = ProgrammeMatch.Measure(id, reference, rig.Recording(id), origin, aroundFrom, aroundTo);
            Assert.True(around.Correlation >= 0.95 && around.WorstFrameCorrelation >= 0.9, $"{id}, {aroundFrom / 48} to {aroundTo / 48} ms (rekey at {rekeyAt / 48} ms): {around}");
            var cluster = report.Clusters.Single(c => c.Id == id);
            Assert.True(cluster.PacketsRejected.Total == 0, $"{id} rejected packets across the rekey: {cluster.PacketsRejected}");
        }
    }
}

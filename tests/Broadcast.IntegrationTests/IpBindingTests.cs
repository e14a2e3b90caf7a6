using System.Net;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests;

/// <summary>Protocol section 11 for real: a cluster whose registry binding is not the address it connects from.</summary>
public sealed class IpBindingTests
{
    private const string Misbound = "BX-BX-03";

    [Fact]
    public async Task Handshake_RegistryBindsAnotherAddress_RefusedAsAddressOutsideBindingOthersPlay()
    {
        // BX-BX-03 holds valid credentials and connects from its own 127.10.2.1; the registry binds its key to 127.99.0.1.
        await using var rig = await ControllerRig.StartAsync(new RigOptions
        {
            ClusterCount = 8,
            ExpectedRefused = [Misbound],
            AfterProvisioning = registry =>
            {
                var entry = registry.FindById(Misbound)!;
                registry.Upsert(entry with { Binding = IpBinding.Parse("127.99.0.1/32") });
            },
        });

        // Past the simulator's 5 s Hello retry: refused every time, not just once.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var metrics = await rig.MetricsAsync();
        Assert.True(metrics.HandshakesRefused.TryGetValue("AddressOutsideBinding", out var refused) && refused >= 2, $"handshakes refused: {string.Join(", ", metrics.HandshakesRefused)}");
        Assert.Equal(7, metrics.HandshakesAccepted);
        var views = (await rig.EndpointsAsync()).ToDictionary(e => e.GetProperty("id").GetString()!, StringComparer.Ordinal);
        Assert.False(views[Misbound].GetProperty("online").GetBoolean());
        Assert.All(rig.Sim.ClusterIds.Where(id => id != Misbound), id => Assert.True(views[id].GetProperty("online").GetBoolean(), $"{id} offline"));

        using var files = new TempDirectory();
        var programme = Programmes.WriteOpus(files.File("notice.opus"), Signals.SpeechLikeNoise(3, seed: 5));
        var started = await rig.PostBroadcastAsync(programme, "commune:thi-tran-bat-xat", "commune");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var others = rig.Sim.ClusterIds.Where(id => id != Misbound).ToList();
        var playoutStart = await rig.WaitUntilPlayingAsync(others, started.Channel, TimeSpan.FromSeconds(5));
        await ControllerRig.SleepUntilAsync(playoutStart + TimeSpan.FromSeconds(started.DurationSeconds + 0.8));
        var report = await rig.Sim.StopAsync();

        var reference = Programmes.Decode(programme);
        foreach (var id in others)
        {
            var match = ProgrammeMatch.Measure(id, reference, rig.Recording(id), rig.SampleOf(playoutStart), 960, reference.Length - 960);
            Assert.True(match.Correlation >= 0.95 && match.WorstFrameCorrelation >= 0.9, $"{id} next to the refused cluster: {match}");
        }

        var misbound = report.Clusters.Single(c => c.Id == Misbound);
        Assert.False(misbound.HandshakeOk);
        Assert.Equal(0, misbound.PacketsReceived);
        Assert.All(rig.Recording(Misbound), s => Assert.Equal(0f, s));
    }
}

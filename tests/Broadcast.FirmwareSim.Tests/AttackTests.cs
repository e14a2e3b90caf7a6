using Broadcast.FirmwareSim.Attack;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>Attack mode against the stand-in controller (Broadcast.Protocol's origin tags, replay window and handshake).</summary>
[Collection("Loopback")]
public sealed class AttackTests
{
    private const string Control = "BX-BX-07";

    [Fact]
    public async Task AllFourAttacks_HonestClustersPlayOnlyTheController_NegativeControlDoesNot()
    {
        await using var controller = await StandInController.StartAsync();
        var options = SimTestKit.Options(controller, 6) with
        {
            Attacks = AttackKind.Forge | AttackKind.Replay | AttackKind.Reroute | AttackKind.WrongIp,
            TestOnlySkipOriginCheck = new HashSet<string> { Control },
        };
        var host = await SimulatorHost.StartAsync(options);
        await using (host)
        {
            Assert.Equal(10, host.ClusterIds.Count);
            await SimTestKit.ServeAsync(controller, host);
            var source = SimTestKit.Sine(5, 440);
            var sourceStart = await SimTestKit.PlayAsync(controller, host, source, options.JitterTargetMs);
            await Task.Delay(500);
            var report = await host.StopAsync();

            var attackers = report.Clusters.Where(c => c.Attacker).ToList();
            Assert.Equal(4, attackers.Count);
            Assert.All(attackers, a => Assert.NotNull(a.Attack));
            Assert.All(attackers, a => Assert.StartsWith("ATK-", a.Id, StringComparison.Ordinal));
            var sentTo = attackers.SelectMany(a => a.Attack!.SentTo).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            Assert.True(attackers.Sum(a => a.Attack!.ForgedMediaSent) > 100, "forged media");
            Assert.True(attackers.Sum(a => a.Attack!.ReplayedSent) > 100, "replays");
            Assert.True(attackers.Sum(a => a.Attack!.SelfReplayedSent) > 20, "self replays");
            Assert.True(attackers.Sum(a => a.Attack!.ReroutedSent) > 100, "reroutes");
            Assert.True(attackers.Sum(a => a.Attack!.ForgedHellosSent) > 0, "forged Hellos");
            Assert.True(attackers.Sum(a => a.Attack!.WrongIpHellosSent) > 0, "stolen-credentials Hellos");
            Assert.Equal(0, attackers.Sum(a => a.Attack!.WrongIpSessionsReceived));

            foreach (var c in report.Clusters.Where(c => !c.Attacker && c.Id != Control))
            {
                var recording = host.GetRecording(c.Id)!;
                // The adaptive jitter buffer may move the delay mid-stream (start-up CPU burst), so each 0.5 s window is
                // aligned on its own; a 440 Hz match excludes the attacker's 2.5 kHz marker tone.
                var windows = Enumerable.Range(0, 9).Select(k => (k + 1) * SimTestKit.Rate / 2).Select(at =>
                {
                    var lag = SimTestKit.BestLag(source, recording, sourceStart, at - (SimTestKit.Rate / 2));
                    return SimTestKit.CorrelateRange(source, recording, sourceStart, lag, at - (SimTestKit.Rate / 2), at);
                }).ToList();
                Assert.True(windows.Average() >= 0.95, $"{c.Id}: correlation {windows.Average():F3} < 0.95 (windows {string.Join(" ", windows.Select(w => w.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; {c})");
                Assert.True(sentTo.GetValueOrDefault(c.Id) > 100, $"{c.Id}: attackers sent it only {sentTo.GetValueOrDefault(c.Id)} datagrams");
                Assert.True(c.AttackerPacketsReceived > 100, $"{c.Id}: {c.AttackerPacketsReceived} attacker datagrams arrived");
                Assert.True(c.PacketsRejected.Auth > 0, $"{c.Id}: no auth rejections");
                Assert.True(c.PacketsRejected.Replay > 0, $"{c.Id}: no replay rejections");
                Assert.Equal(0, c.PlayedFromAttackerMs);
                Assert.False(c.Attacker);
            }

            Assert.True(attackers.Sum(a => a.PacketsRejected.Replay) > 0, "attackers' own replay windows refused their self-replays");

            // Negative control: the same traffic at a cluster that does not check origin tags gets played.
            var control = report.Clusters.Single(c => c.Id == Control);
            Assert.True(control.PlayedFromAttackerMs > 0, $"negative control played {control.PlayedFromAttackerMs} ms from attackers");
            Assert.Equal(report.Clusters.Sum(c => c.PlayedFromAttackerMs), control.PlayedFromAttackerMs);

            // Handshake attacks, as the stand-in (ControllerHandshake + broker-observed address) saw them.
            Assert.True(controller.Refusals.GetValueOrDefault(HandshakeStatus.AddressOutsideBinding) > 0, Describe(controller));
            Assert.True(controller.Refusals.GetValueOrDefault(HandshakeStatus.UnknownEndpoint) > 0, Describe(controller));
            Assert.True(controller.Refusals.GetValueOrDefault(HandshakeStatus.Replayed) > 0, Describe(controller));
            Assert.True(controller.Refusals.GetValueOrDefault(HandshakeStatus.BadMac) + controller.Refusals.GetValueOrDefault(HandshakeStatus.DecryptFailed) + controller.Refusals.GetValueOrDefault(HandshakeStatus.Malformed) > 0, Describe(controller));
            Assert.All(report.Clusters.Where(c => !c.Attacker), c => Assert.Equal(1, controller.Accepted.GetValueOrDefault(c.Id)));
        }
    }

    [Fact]
    public void WrongIp_StolenKeyFromAttackerAddress_RefusedAddressOutsideBinding()
    {
        using var controllerKey = StaticKeyPair.Generate();
        using var victimKey = StaticKeyPair.Generate();
        var registry = new InMemoryEndpointRegistry();
        registry.Upsert(new EndpointRegistration("BX-BX-01", "thi-tran-bat-xat", "thi-tran-bat-xat-01", victimKey.PublicKey, IpBinding.Parse("127.10.1.1/32")));
        using var responder = new ControllerHandshake(controllerKey, registry, TimeProvider.System);
        using var stolen = new EndpointHandshake(victimKey, controllerKey.PublicKey, TimeProvider.System);
        var hello = new byte[132];
        Assert.True(stolen.TryWriteHello(hello, out _));
        var session = new byte[76];

        var result = responder.ConsumeHello(hello, "BX-BX-01", System.Net.IPAddress.Parse("127.66.0.4"), session);

        Assert.Equal(HandshakeStatus.AddressOutsideBinding, result.Status);
        Assert.Null(result.Keys);
        Assert.Contains("127.66.0.4", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttackOption_ParsesAndDealsAttacksToAttackers()
    {
        Assert.True(Cli.SimulatorCommand.TryParse(["--generate-keys", "--controller-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "--attack", "forge,wrong-ip", "--attackers", "3"], out var options, out var error), error);
        Assert.Equal(AttackKind.Forge | AttackKind.WrongIp, options!.Attacks);
        Assert.Equal(3, options.Attackers);
        Assert.Empty(options.TestOnlySkipOriginCheck);
        Assert.False(Cli.SimulatorCommand.TryParse(["--generate-keys", "--controller-key", "x", "--attack", "nuke"], out _, out error));
        Assert.Contains("nuke", error, StringComparison.Ordinal);
        Assert.Equal(AttackKind.Forge | AttackKind.Reroute, AttackKinds.ForAttacker(AttackKind.Forge | AttackKind.Replay | AttackKind.Reroute | AttackKind.WrongIp, 0, 2));
        Assert.Equal(AttackKind.WrongIp, AttackKinds.ForAttacker(AttackKind.Forge | AttackKind.Replay | AttackKind.Reroute | AttackKind.WrongIp, 3, 4));
    }

    private static string Describe(StandInController controller) =>
        "refusals: " + string.Join(", ", controller.Refusals.Select(p => $"{p.Key}={p.Value}"));
}

using System.Globalization;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>Periodic re-handshake (protocol section 5.3) while a programme plays, against the stand-in controller.</summary>
[Collection("Loopback")]
public sealed class RehandshakeTests
{
    [Fact]
    public async Task Rehandshake_TwoSecondInterval_NewSessionsWhilePlayingWithoutGap()
    {
        await using var controller = await StandInController.StartAsync();
        var options = SimTestKit.Options(controller, 3) with { RehandshakeInterval = TimeSpan.FromSeconds(2) };
        var host = await SimulatorHost.StartAsync(options);
        await using (host)
        {
            await SimTestKit.ServeAsync(controller, host);
            var source = SimTestKit.Chirp(7);
            var sourceStart = await SimTestKit.PlayAsync(controller, host, source, options.JitterTargetMs);
            await Task.Delay(500);
            var report = await host.StopAsync();

            foreach (var c in report.Clusters)
            {
                // About 8 s of sessions renewed every 1.8-2 s (checked once a second, later on a busy machine): the first
                // handshake and at least two renewals, each a new Hello the controller answered (the stand-in counts
                // what its ControllerHandshake accepted). With the default 2 h there would be one.
                var accepted = controller.Accepted.GetValueOrDefault(c.Id);
                Assert.True(accepted >= 3, $"{c.Id}: the controller accepted {accepted} Hellos");
                Assert.True(c.Handshakes >= 3 && c.Handshakes <= accepted, $"{c.Id}: {c.Handshakes} sessions established, {accepted} accepted");

                // The channel key carried over to every new session: no packet failed authentication.
                Assert.Equal(0, c.PacketsRejected.Auth + c.PacketsRejected.Replay + c.PacketsRejected.Malformed);

                var recording = host.GetRecording(c.Id)!;
                var windows = Enumerable.Range(1, 12).Select(k => k * SimTestKit.Rate / 2).Select(at =>
                {
                    var lag = SimTestKit.BestLag(source, recording, sourceStart, at - (SimTestKit.Rate / 2));
                    return SimTestKit.CorrelateRange(source, recording, sourceStart, lag, at - (SimTestKit.Rate / 2), at);
                }).ToList();
                // Each 0.5 s window aligned on its own (a loaded machine may move the adaptive delay); a session change
                // that cut the stream would leave a window near 0.
                var text = string.Join(" ", windows.Select(w => w.ToString("F2", CultureInfo.InvariantCulture)));
                Assert.True(windows.Average() >= 0.95 && windows.Min() >= 0.5, $"{c.Id}: 0.5 s windows correlate {text}; handshakes {c.Handshakes}, lost {c.PacketsLost}, concealed {c.ConcealedMs} ms");
                var lag0 = SimTestKit.BestLag(source, recording, sourceStart, SimTestKit.Rate / 2);
                var gap = SimTestKit.LongestQuietRun(recording.AsSpan(sourceStart + lag0 + 960, source.Length - (2 * 960)));
                Assert.True(gap <= SimTestKit.Rate * 40 / 1000, $"{c.Id}: {gap / 48.0:F1} ms of silence inside the programme");
            }
        }
    }
}

using System.Diagnostics;
using Broadcast.FirmwareSim.Impairment;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>Five simulated clusters against a stand-in controller on loopback, real broker, real UDP, real Opus.</summary>
[Collection("Loopback")]
public sealed class LoopbackTests
{
    private const int Rate = 48_000;
    private const double Seconds = 4;

    [Fact]
    public async Task Playout_FiveClustersCleanLink_RecordingsMatchSourceAndPlayInStep()
    {
        var (report, recordings, source, sourceStart) = await RunAsync(ImpairmentProfile.None);

        Assert.Equal(5, report.Totals.HandshakeOk);
        var lags = new List<int>();
        foreach (var (id, recording) in recordings)
        {
            var (corr, lag) = Align(source, recording, sourceStart);
            Assert.True(corr >= 0.95, $"{id}: correlation {corr:F3} < 0.95");
            lags.Add(lag);
        }

        Assert.True(lags.Max() - lags.Min() <= Rate * 5 / 1000, $"skew between clusters {(lags.Max() - lags.Min()) / 48.0:F2} ms > 5 ms");
        Assert.All(report.Clusters, c => Assert.True(c.PlayedMs >= 3500, $"{c.Id} played {c.PlayedMs} ms"));
        Assert.All(report.Clusters, c => Assert.Equal(0, c.PacketsRejected.Auth + c.PacketsRejected.Replay + c.PacketsRejected.Malformed));
    }

    [Fact]
    public async Task Playout_PlayCarriesPlayoutStart_PlaysAtThatInstantInStep()
    {
        var (report, recordings, source, sourceStart) = await RunAsync(ImpairmentProfile.None, playoutDelayMs: 300);

        Assert.Equal(5, report.Totals.HandshakeOk);
        var lags = new List<int>();
        foreach (var (id, recording) in recordings)
        {
            var (corr, lag) = Align(source, recording, sourceStart);
            Assert.True(corr >= 0.95, $"{id}: correlation {corr:F3} < 0.95");
            lags.Add(lag);
        }

        Assert.True(lags.Max() - lags.Min() <= Rate * 5 / 1000, $"skew between clusters {(lags.Max() - lags.Min()) / 48.0:F2} ms > 5 ms");
    }

    [Fact]
    public async Task Playout_FivePercentLossWithFec_CorrelatesAndNoLongGap()
    {
        var (report, recordings, source, sourceStart) = await RunAsync(new ImpairmentProfile { Loss = 0.05 });

        Assert.True(report.Totals.PacketsLost > 0, "the impaired link lost nothing");
        foreach (var (id, recording) in recordings)
        {
            var (corr, lag) = Align(source, recording, sourceStart);
            Assert.True(corr >= 0.9, $"{id}: correlation {corr:F3} < 0.9");
            var gap = LongestGap(recording.AsSpan(sourceStart + lag + 960, source.Length - 2 * 960));
            Assert.True(gap <= Rate * 40 / 1000, $"{id}: gap of {gap / 48.0:F1} ms");
        }
    }

    private static async Task<(Report.SimReport Report, Dictionary<string, float[]> Recordings, float[] Source, int SourceStart)> RunAsync(ImpairmentProfile impairment, int? playoutDelayMs = null)
    {
        await using var controller = await StandInController.StartAsync();
        var options = new SimulatorOptions
        {
            ClusterCount = 5,
            TopologyPath = TopologyFile,
            GenerateKeys = true,
            ControllerKey = controller.Key.PublicKey.ToBase64(),
            ControllerMqtt = new Uri($"mqtt://127.0.0.1:{controller.MqttPort}"),
            ControllerUdp = $"127.0.0.1:{controller.UdpPort}",
            RecordInMemory = true,
            Impairment = impairment,
            Seed = 7,
        };
        var host = await SimulatorHost.StartAsync(options);
        await using (host)
        {
            await controller.ServeAsync(host.District, host.Registrations);
            Assert.True(await host.WaitUntilHandshakesAsync(timeout: TimeSpan.FromSeconds(20)), $"only {host.HandshakesCompleted} handshakes");
            var deadline = Stopwatch.StartNew();
            while (controller.RegisteredCount < 5 && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }

            Assert.Equal(5, controller.RegisteredCount);
            Assert.True(controller.StatusCount >= 5, $"{controller.StatusCount} heartbeats on the status topics");

            using var key = ChannelKey.Create(7, 1);
            var source = SimTestKit.Chirp(Seconds);
            var startWall = TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(200);
            var playoutStart = playoutDelayMs is { } d ? NtpTimestamp.FromDateTimeOffset(startWall + TimeSpan.FromMilliseconds(d)) : 0;
            await controller.StartChannelAsync(key, 100, playoutStart);
            var start = await StreamAsync(controller, key, source, startWall);
            await Task.Delay(500);
            var report = await host.StopAsync();
            var recordings = host.ClusterIds.ToDictionary(id => id, id => host.GetRecording(id)!);
            // Nominal instant of sample 0: Play's playout start (protocol 11.2), else SR time + the 60 ms jitter buffer.
            var delayMs = playoutDelayMs ?? options.JitterTargetMs;
            var sourceStart = (int)Math.Round(((start - host.StartedAt).TotalSeconds * Rate) + (delayMs * 48));
            return (report, recordings, source, sourceStart);
        }
    }

    /// <summary>Encodes and sends the source in real time (dedicated pacing thread); returns the controller time of sample 0.</summary>
    private static async Task<DateTimeOffset> StreamAsync(StandInController controller, ChannelKey key, float[] source, DateTimeOffset startWall)
    {
        await SimTestKit.StreamAsync(controller, key, source, startWall);
        return startWall;
    }

    /// <summary>Best normalised correlation of the source with the recording near its nominal start (lag 0..+20 ms for codec delay).</summary>
    private static (double Corr, int Lag) Align(float[] source, float[] recording, int sourceStart)
    {
        var best = double.NegativeInfinity;
        var bestLag = 0;
        // Coarse search on a 0.5 s window, then full-length correlation at that lag.
        var window = source.AsSpan(Rate, Rate / 2);
        for (var lag = -960; lag <= 1920; lag++)
        {
            var start = sourceStart + Rate + lag;
            if (start < 0 || start + window.Length > recording.Length)
            {
                continue;
            }

            var c = SimTestKit.Correlate(window, recording.AsSpan(start, window.Length));
            if (c > best)
            {
                best = c;
                bestLag = lag;
            }
        }

        var length = Math.Min(source.Length - 960, recording.Length - (sourceStart + bestLag));
        var full = SimTestKit.Correlate(source.AsSpan(0, length), recording.AsSpan(sourceStart + bestLag, length));
        return (full, bestLag);
    }

    private static int LongestGap(ReadOnlySpan<float> samples)
    {
        int longest = 0, run = 0;
        foreach (var s in samples)
        {
            run = Math.Abs(s) < 1e-3f ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    internal static string TopologyFile => Path.Combine(AppContext.BaseDirectory, "district.bat-xat.json");
}

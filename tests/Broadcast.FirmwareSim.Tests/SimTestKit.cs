using System.Diagnostics;
using Broadcast.Audio.Codec;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>Shared pieces of the loopback tests: real-time streaming through the stand-in, signals, alignment, gaps.</summary>
internal static class SimTestKit
{
    public const int Rate = 48_000;

    public static SimulatorOptions Options(StandInController controller, int clusters) => new()
    {
        ClusterCount = clusters,
        TopologyPath = LoopbackTests.TopologyFile,
        GenerateKeys = true,
        ControllerKey = controller.Key.PublicKey.ToBase64(),
        ControllerMqtt = new Uri($"mqtt://127.0.0.1:{controller.MqttPort}"),
        ControllerUdp = $"127.0.0.1:{controller.UdpPort}",
        RecordInMemory = true,
        Seed = 7,
    };

    /// <summary>Serves the host's registry, waits for every handshake and UDP registration.</summary>
    public static async Task ServeAsync(StandInController controller, SimulatorHost host)
    {
        await controller.ServeAsync(host.District, host.Registrations);
        Assert.True(await host.WaitUntilHandshakesAsync(timeout: TimeSpan.FromSeconds(20)), $"only {host.HandshakesCompleted} handshakes");
        var deadline = Stopwatch.StartNew();
        while (controller.RegisteredCount < host.ClusterIds.Count && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(host.ClusterIds.Count, controller.RegisteredCount);
    }

    /// <summary>Sends ChannelKey and Play, then the source in real time; returns the recording sample of source sample 0.</summary>
    public static async Task<int> PlayAsync(StandInController controller, SimulatorHost host, float[] source, double jitterMs)
    {
        using var key = ChannelKey.Create(7, 1);
        var startWall = TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(200);
        await controller.StartChannelAsync(key, 100);
        await StreamAsync(controller, key, source, startWall);
        return (int)Math.Round(((startWall - host.StartedAt).TotalSeconds * Rate) + (jitterMs * 48));
    }

    /// <summary>
    /// Encodes and sends the source in real time from startWall on, paced on a dedicated thread with a monotonic
    /// clock as the controller's ChannelPacer does; sender reports are sent without holding up the media. Pacing with
    /// Task.Delay on the shared thread pool let a pool stall (hundreds of ms on a loaded 2-core machine under the test
    /// host) send the frames late in a burst, which the endpoints rightly answer by growing their jitter delay.
    /// </summary>
    public static async Task StreamAsync(StandInController controller, ChannelKey key, float[] source, DateTimeOffset startWall)
    {
        var reports = new List<Task>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            try
            {
                Pace(controller, key, source, startWall, reports);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "stand-in pacer",
        };
        pacer.Start();
        await done.Task;
        await Task.WhenAll(reports);
    }

    private static void Pace(StandInController controller, ChannelKey key, float[] source, DateTimeOffset startWall, List<Task> reports)
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings());
        var sealer = new MediaSealer(7);
        sealer.UseKey(key);
        var opus = new byte[1500];
        var packet = new byte[SecureMediaLayout.MaxPacketSize];
        var lead = startWall - TimeProvider.System.GetUtcNow();
        if (lead > TimeSpan.Zero)
        {
            Thread.Sleep(lead);
        }

        var clock = Stopwatch.StartNew();
        var frames = source.Length / 960;
        for (var k = 0; k < frames; k++)
        {
            if (k % 25 == 0)
            {
                reports.Add(controller.SendReportAsync(new RtcpSenderReport(7, NtpTimestamp.FromDateTimeOffset(startWall + TimeSpan.FromMilliseconds(20 * k)), (uint)(k * 960), (uint)k, 0)));
            }

            var n = encoder.Encode(source.AsSpan(k * 960, 960), opus);
            var header = new RtpHeader(k == 0, OpusRtp.PayloadType, (ushort)k, (uint)(k * 960), 7);
            Assert.True(sealer.TrySeal(header, opus.AsSpan(0, n), packet, out var sealedLength));
            controller.SendMedia(packet.AsSpan(0, sealedLength));
            var wait = TimeSpan.FromMilliseconds(20 * (k + 1)) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    public static float[] Sine(double seconds, double hz)
    {
        var result = new float[(int)(seconds * Rate)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / Rate));
        }

        return result;
    }

    public static float[] Chirp(double seconds)
    {
        var result = new float[(int)(seconds * Rate)];
        var k = 600.0 / seconds;
        for (var i = 0; i < result.Length; i++)
        {
            var t = (double)i / Rate;
            result[i] = (float)(0.5 * Math.Sin(2 * Math.PI * ((220 * t) + (k * t * t / 2))));
        }

        return result;
    }

    /// <summary>Lag (samples, within -20..+100 ms) that best aligns a 0.5 s window of the source at <paramref name="at"/>.</summary>
    public static int BestLag(float[] source, float[] recording, int sourceStart, int at)
    {
        var best = double.NegativeInfinity;
        var bestLag = 0;
        var window = source.AsSpan(at, Rate / 2);
        for (var lag = -960; lag <= 4800; lag += 2)
        {
            var start = sourceStart + at + lag;
            if (start < 0 || start + window.Length > recording.Length)
            {
                continue;
            }

            var c = Correlate(window, recording.AsSpan(start, window.Length));
            if (c > best)
            {
                best = c;
                bestLag = lag;
            }
        }

        return bestLag;
    }

    /// <summary>Correlation of source[from..to) with the recording at the given start and lag.</summary>
    public static double CorrelateRange(float[] source, float[] recording, int sourceStart, int lag, int from, int to)
    {
        to = Math.Min(to, Math.Min(source.Length, recording.Length - sourceStart - lag));
        return to <= from ? 0 : Correlate(source.AsSpan(from, to - from), recording.AsSpan(sourceStart + lag + from, to - from));
    }

    /// <summary>Longest run of samples under -60 dBFS: a gap in a signal that is never quiet (sine, chirp).</summary>
    public static int LongestQuietRun(ReadOnlySpan<float> samples)
    {
        int longest = 0, run = 0;
        foreach (var s in samples)
        {
            run = Math.Abs(s) < 1e-3f ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    public static double Correlate(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }
}

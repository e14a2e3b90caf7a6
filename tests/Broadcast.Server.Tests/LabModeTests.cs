using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Broadcast.Controller.Lab;
using Broadcast.Controller.Streaming;
using Broadcast.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broadcast.Server.Tests;

/// <summary>Lab mode end to end (docs/protocol.md section 14, docs/lab-mode.md) on the real host.</summary>
public sealed class LabModeTests
{
    [Fact]
    public void Build_ProductionWithLabEnabled_RefusedNamingTheKey()
    {
        using var data = new TempDirectory();
        var args = LabHost.Arguments(data.Path, "Production", LabHost.FreeTcpPort(), "--Lab:Enabled=true");

        var ex = Assert.Throws<OptionsValidationException>(() => ServerApp.Build(args));

        Assert.Contains("Lab:Enabled", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DOTNET_ENVIRONMENT=Development", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, LabOptions.SdpFileName)));
    }

    [Fact]
    public async Task Broadcast_DefaultConfig_NoLabTrafficAndNoSdp()
    {
        // Lab:Enabled left at its default; the destination points at a socket of ours so silence is observable.
        var labPort = LabHost.FreeRtpPort();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, labPort));
        await using var host = await LabHost.StartAsync("Production", $"--Lab:Destination=127.0.0.1:{labPort}");
        Assert.False(host.App.Services.GetRequiredService<IOptions<LabOptions>>().Value.Enabled);
        Assert.Null(host.App.Services.GetRequiredService<UdpMediaSocket>().Lab);

        var programme = host.WriteSineProgramme(Signals.Sine(440, -12, 3));
        var response = await host.Http.PostAsJsonAsync("/api/broadcasts", new { programme, target = "all", priority = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var received = 0;
        var buffer = new byte[2048];
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        try
        {
            while (true)
            {
                await listener.ReceiveAsync(buffer, SocketFlags.None, quiet.Token);
                received++;
            }
        }
        catch (OperationCanceledException)
        {
            // 1.5 s of a running broadcast heard nothing, as it should.
        }

        var running = await host.Http.GetFromJsonAsync<JsonElement>($"/api/broadcasts/{id}");
        Assert.True(running.GetProperty("frame").GetInt64() > 50, "the broadcast was pacing frames while we listened");
        Assert.Equal(0, received);
        Assert.False(File.Exists(Path.Combine(host.DataDir, LabOptions.SdpFileName)));
    }

    [Fact]
    public async Task Broadcast_DevelopmentWithLabEnabled_FfmpegPlaysTheSdp()
    {
        var labPort = LabHost.FreeRtpPort();
        await using var host = await LabHost.StartAsync("Development", "--Lab:Enabled=true", $"--Lab:Destination=127.0.0.1:{labPort}");
        var sdp = Path.Combine(host.DataDir, LabOptions.SdpFileName);
        Assert.True(File.Exists(sdp), "lab.sdp is written at start, before any broadcast");
        Assert.Contains($"m=audio {labPort} RTP/AVP 111", await File.ReadAllTextAsync(sdp), StringComparison.Ordinal);

        var source = Signals.Sine(440, -12, 4);
        var programme = host.WriteSineProgramme(source);

        // The technician's command from docs/lab-mode.md, started first so it catches frame 0.
        using var ffmpeg = StartFfmpeg(sdp);
        var stdout = new MemoryStream();
        var copy = ffmpeg.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = ffmpeg.StandardError.ReadToEndAsync();
        var listening = Stopwatch.StartNew();
        while (!LabHost.UdpPortBound(labPort) && listening.Elapsed < TimeSpan.FromSeconds(10) && !ffmpeg.HasExited)
        {
            await Task.Delay(20);
        }

        Assert.True(LabHost.UdpPortBound(labPort), "ffmpeg did not bind the lab port");
        var response = await host.Http.PostAsJsonAsync("/api/broadcasts", new { programme, target = "all", priority = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await ffmpeg.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                ffmpeg.Kill(entireProcessTree: true);
                Assert.Fail($"ffmpeg did not finish 2 s of lab audio within 20 s: {await stderr}");
            }
        }

        await copy;
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg failed: {await stderr}");
        var decoded = MemoryMarshal.Cast<byte, float>(stdout.ToArray()).ToArray();
        Assert.True(decoded.Length >= 48_000 * 19 / 10, $"ffmpeg decoded {decoded.Length} samples, expected 2 s");
        var correlation = Signals.BestCorrelation(decoded, source, maxLag: 2000);
        Assert.True(correlation >= 0.9, $"lab audio correlates {correlation:F3} with the source sine");
        Assert.True(host.App.Services.GetRequiredService<LabRtpTap>().PacketsSent >= 100);
    }

    private static Process StartFfmpeg(string sdp)
    {
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-hide_banner", "-protocol_whitelist", "file,udp,rtp", "-i", sdp, "-t", "2", "-ac", "1", "-ar", "48000", "-f", "f32le", "pipe:1" })
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
    }
}

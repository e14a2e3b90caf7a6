using Broadcast.Controller.Hosting;
using Broadcast.Protocol.Lab;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Lab;

/// <summary>
/// While lab mode is on: writes <c>DataDir/lab.sdp</c> at start (before any broadcast, so a player can be started
/// first) and keeps a <see cref="LabModeWarner"/> warning at start and every minute until the host stops.
/// </summary>
internal sealed class LabModeService(
    LabRtpTap tap,
    IOptions<ControllerOptions> controller,
    TimeProvider time,
    ILogger<LabModeService> logger) : IHostedService, IDisposable
{
    private LabModeWarner? _warner;

    /// <summary>Full path of the SDP file, once written.</summary>
    public string? SdpPath { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!tap.IsOn)
        {
            return Task.CompletedTask;
        }

        var destination = tap.Destination!;
        var dataDir = Path.GetFullPath(controller.Value.DataDir);
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, LabOptions.SdpFileName);
        // o= session id: NTP-style seconds, as RFC 8866 section 5.2 suggests, so a rewritten file reads as a new session.
        var sessionId = (ulong)time.GetUtcNow().ToUnixTimeSeconds() + 2_208_988_800UL;
        var sdp = SdpWriter.Write(destination.Address, destination.Port, "Broadcast lab stream", sessionId, stereo: false);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, sdp);
        File.Move(temporary, path, overwrite: true);
        SdpPath = path;
        _warner = new LabModeWarner(logger, time);
        ControllerLog.LabModeStarted(logger, destination.ToString(), path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _warner?.Dispose();
        _warner = null;
    }
}

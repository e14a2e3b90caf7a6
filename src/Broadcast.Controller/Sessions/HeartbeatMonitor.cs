using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Sessions;

/// <summary>Checks heartbeats once per heartbeat period on the injected clock.</summary>
internal sealed class HeartbeatMonitor(ControlPlane controlPlane, IOptions<ControllerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                controlPlane.CheckHeartbeats();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }
}

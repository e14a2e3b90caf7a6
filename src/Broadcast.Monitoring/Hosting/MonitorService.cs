using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Broadcast.Monitoring.Hosting;

/// <summary>Polls every <see cref="MonitoringOptions.PollInterval"/> on the injected clock.</summary>
internal sealed class MonitorService(AlertMonitor monitor, Book.AlertBook book, MonitoringOptions options, TimeProvider time, ILogger<MonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var active = book.Active().Count;
        MonitoringLog.Started(logger, active, book.Path, options.PollInterval);

        using var timer = new PeriodicTimer(options.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                PollLogged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "The monitor must outlive any one failed poll (disk full, audit locked); the failure is logged and the next poll retries.")]
    private void PollLogged()
    {
        try
        {
            monitor.Poll();
        }
        catch (Exception ex)
        {
            MonitoringLog.PollFailed(logger, ex);
        }
    }
}

using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Metrics;

/// <summary>
/// One summary line every <see cref="ControllerOptions.MetricsLogInterval"/> (issue 4: metrics "in logs at a slow
/// interval"): totals and what changed since the last line, and the pacer lateness p99 of that interval alone, so a
/// spike shows in the minute it happened instead of vanishing into the histogram of the whole run.
/// </summary>
internal sealed class MetricsLogService(BroadcastMetrics metrics, IOptions<ControllerOptions> options, TimeProvider time, ILogger<MetricsLogService> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private long[] _previousBuckets = new long[LatenessHistogram.Length];
    private long[] _currentBuckets = new long[LatenessHistogram.Length];
    private MetricsSnapshot? _previous;
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.MetricsLogInterval;
        lock (_gate)
        {
            _previous = metrics.Snapshot();
            metrics.CopyLatenessBuckets(_previousBuckets);
        }

        _timer = time.CreateTimer(_ => LogSummary(), null, interval, interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void LogSummary()
    {
        lock (_gate)
        {
            var now = metrics.Snapshot();
            var frames = metrics.CopyLatenessBuckets(_currentBuckets) - _previousBuckets.Sum();
            var p99 = LatenessHistogram.QuantileBetween(_previousBuckets, _currentBuckets, 0.99);
            var before = _previous!;
            ControllerLog.MetricsSummary(
                logger, now.EndpointsOnline, now.ActiveBroadcasts, now.PacketsSent, now.PacketsSent - before.PacketsSent,
                now.SendErrors, now.SendErrors - before.SendErrors, now.LiveFramesStarved, now.LiveFramesStarved - before.LiveFramesStarved,
                p99, options.Value.MetricsLogInterval, frames);
            _previous = now;
            (_previousBuckets, _currentBuckets) = (_currentBuckets, _previousBuckets);
        }
    }
}

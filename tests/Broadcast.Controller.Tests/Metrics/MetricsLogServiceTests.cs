using Broadcast.Controller.Hosting;
using Broadcast.Controller.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Controller.Tests.Metrics;

/// <summary>One summary line per interval on a virtual clock: totals, what changed, and the interval's own p99.</summary>
public sealed class MetricsLogServiceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger<MetricsLogService> _log = new();
    private readonly BroadcastMetrics _metrics;
    private readonly TestMeterFactory _meters;

    public MetricsLogServiceTests() => _metrics = TestMeterFactory.Metrics(out _meters);

    [Fact]
    public async Task Interval_OneLinePerIntervalWithTotalsDeltasAndTheIntervalsP99()
    {
        using var service = new MetricsLogService(_metrics, Options.Create(new ControllerOptions { MetricsLogInterval = TimeSpan.FromMinutes(1) }), _time, _log);
        _metrics.EndpointOnline();
        _metrics.EndpointOnline();
        _metrics.BroadcastStarted();
        await service.StartAsync(CancellationToken.None);

        _metrics.PacketsSent(300);
        _metrics.SendErrors(2);
        for (var i = 1; i <= 100; i++)
        {
            _metrics.PacerLateness(i / 100.0); // 0.01 .. 1.00 ms
        }

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(_log.Named("MetricsSummary"));
        _time.Advance(TimeSpan.FromSeconds(1));
        var first = Assert.Single(_log.Named("MetricsSummary"));
        Assert.Equal(LogLevel.Information, first.Level);
        Assert.Equal(2L, first.Values["Online"]);
        Assert.Equal(1L, first.Values["Active"]);
        Assert.Equal(300L, first.Values["PacketsSent"]);
        Assert.Equal(300L, first.Values["PacketsDelta"]);
        Assert.Equal(2L, first.Values["ErrorsDelta"]);
        Assert.Equal(100L, first.Values["Frames"]);
        Assert.InRange((double)first.Values["LatenessP99Ms"]!, 0.98, 1.01);

        // The next minute: a few packets, and lateness of 5 ms that the whole-run p99 would hide.
        _metrics.PacketsSent(50);
        for (var i = 0; i < 10; i++)
        {
            _metrics.PacerLateness(5.0);
        }

        _metrics.BroadcastEnded();
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = _log.Named("MetricsSummary")[1];
        Assert.Equal(350L, second.Values["PacketsSent"]);
        Assert.Equal(50L, second.Values["PacketsDelta"]);
        Assert.Equal(0L, second.Values["ErrorsDelta"]);
        Assert.Equal(0L, second.Values["Active"]);
        Assert.Equal(10L, second.Values["Frames"]);
        Assert.InRange((double)second.Values["LatenessP99Ms"]!, 5.0, 5.02);

        await service.StopAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, _log.Named("MetricsSummary").Count);
    }

    [Fact]
    public async Task Interval_NoFrames_P99IsZero()
    {
        using var service = new MetricsLogService(_metrics, Options.Create(new ControllerOptions { MetricsLogInterval = TimeSpan.FromSeconds(10) }), _time, _log);
        await service.StartAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(10));

        var line = Assert.Single(_log.Named("MetricsSummary"));
        Assert.Equal(0.0, line.Values["LatenessP99Ms"]);
        Assert.Equal(0L, line.Values["Frames"]);
    }

    public void Dispose() => _meters.Dispose();
}

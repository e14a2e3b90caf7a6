namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// The jitter buffer's target delay: starts at the configured minimum (60 ms by default), grows at once when
/// transit times or their jitter (RFC 3550 section 6.4.1 estimator) need more, and shrinks slowly (2 ms per
/// second) when the link calms down, so a short burst does not cause a long-lived delay.
/// </summary>
internal sealed class AdaptiveDelay(double minimumMs, double maximumMs = 1000)
{
    /// <summary>Shrink rate, ms of target per second of time.</summary>
    public const double ShrinkMsPerSecond = 2;

    /// <summary>How fast the remembered peak transit decays, ms per second.</summary>
    public const double PeakDecayMsPerSecond = 10;

    /// <summary>Safety margin above the peak transit.</summary>
    public const double MarginMs = 10;

    private double _lastTransit = double.NaN;
    private double _peakTransit = double.NegativeInfinity;

    public double MinimumMs { get; } = minimumMs;

    /// <summary>Current target delay in ms after the controller's playout instant.</summary>
    public double TargetMs { get; private set; } = minimumMs;

    /// <summary>Interarrival jitter estimate in ms.</summary>
    public double JitterMs { get; private set; }

    /// <summary>Records a packet whose transit (arrival minus its controller time) was <paramref name="transitMs"/>.</summary>
    public void OnArrival(double transitMs)
    {
        if (!double.IsNaN(_lastTransit))
        {
            JitterMs += (Math.Abs(transitMs - _lastTransit) - JitterMs) / 16;
        }

        _lastTransit = transitMs;
        _peakTransit = Math.Max(_peakTransit, transitMs);
        var desired = Desired();
        if (desired > TargetMs)
        {
            TargetMs = desired;
        }
    }

    /// <summary>Time passed: lets the peak decay and the target shrink slowly toward what is needed.</summary>
    public void Advance(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        _peakTransit -= PeakDecayMsPerSecond * seconds;
        var desired = Desired();
        if (desired < TargetMs)
        {
            TargetMs = Math.Max(desired, TargetMs - (ShrinkMsPerSecond * seconds));
        }
    }

    private double Desired() =>
        Math.Clamp(double.IsNegativeInfinity(_peakTransit) ? MinimumMs : _peakTransit + (2 * JitterMs) + MarginMs, MinimumMs, maximumMs);
}

using Broadcast.FirmwareSim.Report;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>Counters of one cluster's playout, written by the playout and receive paths under the cluster lock.</summary>
internal sealed class PlayoutStats
{
    public long PlayedFrames { get; set; }

    public long ConcealedFrames { get; set; }

    public long FecFrames { get; set; }

    public long Late { get; set; }

    /// <summary>Gaps of at least <see cref="OutageThreshold"/> between authentic arrivals while playing.</summary>
    public long Outages { get; set; }

    /// <summary>A gap this long in authentic media while playing is an outage (shorter ones are loss or jitter).</summary>
    public static TimeSpan OutageThreshold { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Most outages kept with their times (the count above stays exact): bounds memory over days of periodic outages.</summary>
    public const int MaxOutageWindows = 100;

    /// <summary>The first <see cref="MaxOutageWindows"/> outages with their times.</summary>
    public List<OutageWindow> OutageWindows { get; } = [];

    /// <summary>Longest interval between two authentic arrivals of the channel being played, ms.</summary>
    public long LongestGapMs { get; set; }

    /// <summary>Frames played that an attacker cluster sent (attack mode); stays 0 when the origin tag is checked.</summary>
    public long AttackerFrames { get; set; }

    /// <summary>Sum of playout offsets (ms) over played frames, for the mean skew.</summary>
    public double SkewSumMs { get; set; }

    public long SkewSamples { get; set; }

    /// <summary>Latest playout offset in ms.</summary>
    public double LastSkewMs { get; set; }

    public double MeanSkewMs => SkewSamples == 0 ? 0 : SkewSumMs / SkewSamples;
}

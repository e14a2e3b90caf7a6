namespace Broadcast.FirmwareSim.Playout;

/// <summary>Counters of one cluster's playout, written by the playout and receive paths under the cluster lock.</summary>
internal sealed class PlayoutStats
{
    public long PlayedFrames { get; set; }

    public long ConcealedFrames { get; set; }

    public long FecFrames { get; set; }

    public long Late { get; set; }

    public long Outages { get; set; }

    /// <summary>Frames played that an attacker cluster sent (attack mode); stays 0 when the origin tag is checked.</summary>
    public long AttackerFrames { get; set; }

    /// <summary>Sum of playout offsets (ms) over played frames, for the mean skew.</summary>
    public double SkewSumMs { get; set; }

    public long SkewSamples { get; set; }

    /// <summary>Latest playout offset in ms.</summary>
    public double LastSkewMs { get; set; }

    public double MeanSkewMs => SkewSamples == 0 ? 0 : SkewSumMs / SkewSamples;
}

namespace Broadcast.FirmwareSim.Impairment;

/// <summary>What the simulated link of one cluster does to packets on the receive path.</summary>
internal sealed record ImpairmentProfile
{
    /// <summary>No impairment.</summary>
    public static ImpairmentProfile None { get; } = new();

    /// <summary>
    /// The default profile of dead-zone hamlets (--dead-zone): bursty loss of about 7% (Gilbert p=2%, r=25%,
    /// mean burst 4 packets), 120 ms latency with 40 ms jitter, and an 8 s outage every 90 s from 20 s.
    /// </summary>
    public static ImpairmentProfile DeadZone { get; } = new()
    {
        Gilbert = (0.02, 0.25),
        Latency = TimeSpan.FromMilliseconds(120),
        Jitter = TimeSpan.FromMilliseconds(40),
        Outages = [new OutageSchedule(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(90))],
    };

    /// <summary>Independent loss probability (0..1).</summary>
    public double Loss { get; init; }

    /// <summary>Gilbert-Elliott p, r; replaces <see cref="Loss"/> when set.</summary>
    public (double P, double R)? Gilbert { get; init; }

    /// <summary>Fixed one-way delay added to every packet.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Uniform extra delay 0..Jitter per packet (so packets reorder when it exceeds 20 ms).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>When the link is down.</summary>
    public IReadOnlyList<OutageSchedule> Outages { get; init; } = [];

    /// <summary>Link rate in bits/s (0 = unlimited); packets beyond a 200 ms queue are dropped.</summary>
    public long BandwidthBitsPerSecond { get; init; }

    /// <summary>True when nothing is impaired.</summary>
    public bool IsNone => Loss == 0 && Gilbert is null && Latency == TimeSpan.Zero && Jitter == TimeSpan.Zero
        && Outages.Count == 0 && BandwidthBitsPerSecond == 0;

    /// <summary>Builds the loss model for one cluster.</summary>
    public ILossModel? CreateLossModel(Random random) => Gilbert is { } g
        ? new GilbertElliottLoss(g.P, g.R, random)
        : Loss > 0 ? new RandomLoss(Loss, random) : null;
}

namespace Broadcast.FirmwareSim.Report;

/// <summary>Sums over all clusters.</summary>
public sealed record ReportTotals
{
    public int Clusters { get; init; }

    public int HandshakeOk { get; init; }

    public long PacketsReceived { get; init; }

    public long PacketsLost { get; init; }

    public required RejectReport PacketsRejected { get; init; }

    public long PlayedMs { get; init; }

    public long ConcealedMs { get; init; }

    public long Underruns { get; init; }

    public long Outages { get; init; }

    /// <summary>Longest gap in authentic media of any cluster while playing, ms.</summary>
    public long LongestGapMs { get; init; }

    public long PlayedFromAttackerMs { get; init; }

    /// <summary>Largest minus smallest mean skew among clusters that played (ms).</summary>
    public double SkewSpreadMs { get; init; }

    /// <summary>Build from cluster entries.</summary>
    public static ReportTotals From(IReadOnlyList<ClusterReport> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var played = clusters.Where(c => c.PlayedMs > 0).ToList();
        return new ReportTotals
        {
            Clusters = clusters.Count,
            HandshakeOk = clusters.Count(c => c.HandshakeOk),
            PacketsReceived = clusters.Sum(c => c.PacketsReceived),
            PacketsLost = clusters.Sum(c => c.PacketsLost),
            PacketsRejected = new RejectReport(
                clusters.Sum(c => c.PacketsRejected.Auth),
                clusters.Sum(c => c.PacketsRejected.Replay),
                clusters.Sum(c => c.PacketsRejected.Late),
                clusters.Sum(c => c.PacketsRejected.Malformed)),
            PlayedMs = clusters.Sum(c => c.PlayedMs),
            ConcealedMs = clusters.Sum(c => c.ConcealedMs),
            Underruns = clusters.Sum(c => c.Underruns),
            Outages = clusters.Sum(c => c.Outages),
            LongestGapMs = clusters.Count == 0 ? 0 : clusters.Max(c => c.LongestGapMs),
            PlayedFromAttackerMs = clusters.Sum(c => c.PlayedFromAttackerMs),
            SkewSpreadMs = played.Count == 0 ? 0 : played.Max(c => c.SkewMs) - played.Min(c => c.SkewMs),
        };
    }
}

namespace Broadcast.FirmwareSim.Report;

/// <summary>
/// One interruption of a cluster's authentic media while it was playing (a gap of at least 1 s between arrivals after
/// its simulated link), in ms since the simulator's start (the recordings' sample 0 is 0 ms).
/// </summary>
/// <param name="StartMs">Arrival of the last packet before the gap.</param>
/// <param name="EndMs">Arrival of the first packet after the gap: the link is back.</param>
/// <param name="ResumedMs">
/// Where the first frame decoded from a received packet after the gap starts in the output (concealment does not
/// count); null while the cluster has not played again.
/// </param>
public sealed record OutageWindow(long StartMs, long EndMs, long? ResumedMs);

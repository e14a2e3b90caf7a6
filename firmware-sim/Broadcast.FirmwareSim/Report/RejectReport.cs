namespace Broadcast.FirmwareSim.Report;

/// <summary>Rejected media packets by reason.</summary>
public sealed record RejectReport(long Auth, long Replay, long Late, long Malformed)
{
    public long Total => Auth + Replay + Late + Malformed;
}

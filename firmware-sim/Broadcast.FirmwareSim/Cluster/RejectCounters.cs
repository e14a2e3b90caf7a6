namespace Broadcast.FirmwareSim.Cluster;

/// <summary>Media packets rejected, by reason.</summary>
internal sealed class RejectCounters
{
    /// <summary>BadOrigin, DecryptFailed, UnknownKey, WrongChannel.</summary>
    public long Auth { get; set; }

    /// <summary>Replayed or TooOld.</summary>
    public long Replay { get; set; }

    /// <summary>Authentic but arrived after its playout slot (counted by the player).</summary>
    public long Late { get; set; }

    /// <summary>Unparseable.</summary>
    public long Malformed { get; set; }
}

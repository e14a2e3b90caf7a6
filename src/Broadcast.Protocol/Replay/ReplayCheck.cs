namespace Broadcast.Protocol.Replay;

/// <summary>Outcome of checking a packet index against a <see cref="ReplayWindow"/>.</summary>
public enum ReplayCheck
{
    /// <summary>Not seen before and inside (or ahead of) the window.</summary>
    Fresh = 0,

    /// <summary>Seen before: a duplicate or a replay.</summary>
    Replayed = 1,

    /// <summary>Older than the window can remember; treated as a replay because it cannot be told apart.</summary>
    TooOld = 2,
}

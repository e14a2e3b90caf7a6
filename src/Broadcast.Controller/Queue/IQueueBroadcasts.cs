using Broadcast.Controller.Broadcasts;

namespace Broadcast.Controller.Queue;

/// <summary>What the play queue needs of the streaming engine; <see cref="BroadcastManager"/> in production.</summary>
internal interface IQueueBroadcasts
{
    event Action<BroadcastEnded>? Ended;

    Task<StartOutcome> StartBroadcastAsync(BroadcastRequest request, CancellationToken cancellationToken);

    bool Stop(long id, string reason);

    /// <summary>Programme length in seconds when known (library programmes), for the queue's start-time estimates.</summary>
    double? DurationOf(string programme);

    /// <summary>Whether <paramref name="programme"/> names a library programme or an existing file.</summary>
    bool Exists(string programme);

    /// <summary>Why <paramref name="programme"/> may not be queued at <paramref name="priority"/> (a library programme not approved), or null.</summary>
    string? WhyNotPlayable(string programme, BroadcastPriority priority) => null;
}

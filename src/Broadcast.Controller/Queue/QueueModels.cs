using Broadcast.Controller.Broadcasts;

namespace Broadcast.Controller.Queue;

/// <summary>Where <c>POST /api/queue</c> puts an item.</summary>
public enum QueuePosition
{
    /// <summary>After the last item.</summary>
    Append,

    /// <summary>First of the waiting items: it plays when the current one ends.</summary>
    Next,

    /// <summary>At once: the current item is stopped (recorded as skipped) and this one starts.</summary>
    Now,
}

/// <summary>One queue as the API shows it: what plays, what waits, and when each waiting item should start.</summary>
public sealed record QueueView(string Target, QueueNowPlaying? NowPlaying, IReadOnlyList<QueueItemView> Next, string? Waiting);

/// <summary>The item on air.</summary>
public sealed record QueueNowPlaying(long Item, string Programme, string Priority, long Broadcast, DateTimeOffset StartedAt, DateTimeOffset? EndsAt);

/// <summary>A waiting item; <c>StartsAt</c> is an estimate (null when a programme's length is unknown).</summary>
public sealed record QueueItemView(long Item, int Position, string Programme, string Priority, string AddedBy, DateTimeOffset AddedAt, DateTimeOffset? StartsAt);

/// <summary>An item of a queue.</summary>
internal sealed record QueueItem(long Id, string Programme, BroadcastPriority Priority, string AddedBy, DateTimeOffset AddedAt);

/// <summary>A queue operation's result: the queue after it, or an error for the API (status 400 or 404).</summary>
public sealed record QueueResult(QueueView? Queue, int Status, string? Error)
{
    internal static QueueResult Ok(QueueView view) => new(view, 200, null);

    internal static QueueResult Fail(int status, string error) => new(null, status, error);
}

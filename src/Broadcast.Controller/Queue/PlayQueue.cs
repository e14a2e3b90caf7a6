using Broadcast.Audit;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Topology;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Queue;

/// <summary>
/// Operator play queues, one per target: play now, play next, append, reorder, remove, skip. Each item is a broadcast
/// of its own; when it ends the next one starts. An item the arbiter refuses (a higher-priority broadcast holds the
/// targets) stays first and waits: any broadcast ending retries it, so an emergency pauses the queue instead of
/// emptying it. Queues live in memory: a restart empties them (schedules are the persistent plan).
/// </summary>
internal sealed partial class PlayQueue : IDisposable
{
    private const string OriginPrefix = "queue:";

    private readonly IQueueBroadcasts _broadcasts;
    private readonly TopologyIndex _topology;
    private readonly TimeProvider _time;
    private readonly IAuditTrail? _audit;
    private readonly ILogger<PlayQueue> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TargetQueue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private long _nextItem;

    public PlayQueue(IQueueBroadcasts broadcasts, TopologyIndex topology, TimeProvider time, ILogger<PlayQueue> logger, IAuditTrail? audit = null)
    {
        _broadcasts = broadcasts;
        _topology = topology;
        _time = time;
        _logger = logger;
        _audit = audit;
        _broadcasts.Ended += OnEnded;
    }

    /// <summary>Completes when every reaction to ended broadcasts queued so far has run (tests wait on it).</summary>
    internal Task Settled => Volatile.Read(ref _settled);

    private Task _settled = Task.CompletedTask;

    public async Task<QueueResult> AddAsync(string target, string programme, BroadcastPriority priority, QueuePosition position, string actor, CancellationToken cancellationToken)
    {
        var key = Key(target);
        var resolved = _topology.Resolve(key);
        if (!resolved.IsOk)
        {
            return QueueResult.Fail(400, $"target: {resolved.Error}");
        }

        if (string.IsNullOrWhiteSpace(programme) || !_broadcasts.Exists(programme))
        {
            return QueueResult.Fail(404, $"programme: '{programme}' is not a library programme id (see GET /api/programmes) nor a file on the controller");
        }

        if (_broadcasts.WhyNotPlayable(programme, priority) is { } notApproved)
        {
            return QueueResult.Fail(409, $"programme: {notApproved}");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_queues.TryGetValue(key, out var queue))
            {
                queue = new TargetQueue(key);
                _queues[key] = queue;
            }

            var item = new QueueItem(++_nextItem, programme, priority, actor, _time.GetUtcNow());
            queue.Pending.Insert(position == QueuePosition.Append ? queue.Pending.Count : 0, item);
            Record(actor, queue, $"{position.ToString().ToLowerInvariant()} item {item.Id}: {programme} at {priority} priority");
            if (position == QueuePosition.Now && queue.Current is { } current)
            {
                StopCurrent(queue, current, actor, $"replaced by item {item.Id} (play now)");
            }

            await PumpAsync(queue, cancellationToken).ConfigureAwait(false);
            return QueueResult.Ok(View(queue));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<QueueResult> SkipAsync(string target, string actor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_queues.TryGetValue(Key(target), out var queue) || queue.Current is not { } current)
            {
                return QueueResult.Fail(404, $"target: nothing from the queue of '{target}' is playing; GET /api/queue lists the queues");
            }

            StopCurrent(queue, current, actor, "skipped by operator");
            await PumpAsync(queue, cancellationToken).ConfigureAwait(false);
            return QueueResult.Ok(View(queue));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<QueueResult> RemoveAsync(long itemId, string actor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (FindPending(itemId) is not var (queue, index))
            {
                return ItemNotFound(itemId);
            }

            var item = queue.Pending[index];
            queue.Pending.RemoveAt(index);
            if (index == 0)
            {
                queue.Waiting = null;
            }

            Record(actor, queue, $"removed item {item.Id}: {item.Programme}");
            return QueueResult.Ok(View(queue));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<QueueResult> MoveAsync(long itemId, int newPosition, string actor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (FindPending(itemId) is not var (queue, index))
            {
                return ItemNotFound(itemId);
            }

            if (newPosition < 0 || newPosition >= queue.Pending.Count)
            {
                return QueueResult.Fail(400, $"position: {newPosition} is outside 0..{queue.Pending.Count - 1} (0 plays next)");
            }

            var item = queue.Pending[index];
            queue.Pending.RemoveAt(index);
            queue.Pending.Insert(newPosition, item);
            queue.Waiting = null;
            Record(actor, queue, $"moved item {item.Id} from position {index} to {newPosition}");
            await PumpAsync(queue, cancellationToken).ConfigureAwait(false);
            return QueueResult.Ok(View(queue));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<QueueView>> ListAsync(string? target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return target is null
                ? [.. _queues.Values.Select(View)]
                : _queues.TryGetValue(Key(target), out var queue) ? [View(queue)] : [];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _broadcasts.Ended -= OnEnded;
        _gate.Dispose();
    }

    // Raised synchronously by the streaming engine, possibly from inside our own Stop call while we hold the gate:
    // react on the thread pool, in order.
    private void OnEnded(BroadcastEnded ended)
    {
        lock (_queues)
        {
            var previous = _settled;
            _settled = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await OnEndedAsync(ended).ConfigureAwait(false);
            });
        }
    }

    private async Task OnEndedAsync(BroadcastEnded ended)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var queue in _queues.Values)
            {
                if (queue.Current is { } current && current.Broadcast == ended.Id)
                {
                    queue.Current = null;
                    Log.ItemEnded(_logger, current.Item.Id, queue.Target, ended.Reason);
                }

                if (queue.Current is null)
                {
                    await PumpAsync(queue, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.PumpFailed(_logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PumpAsync(TargetQueue queue, CancellationToken cancellationToken)
    {
        while (queue.Current is null && queue.Pending.Count > 0)
        {
            var item = queue.Pending[0];
            var request = new BroadcastRequest(item.Programme, queue.Target, item.Priority) { Actor = item.AddedBy, Origin = OriginPrefix + item.Id };
            var outcome = await _broadcasts.StartBroadcastAsync(request, cancellationToken).ConfigureAwait(false);
            if (outcome.Broadcast is { } started)
            {
                queue.Pending.RemoveAt(0);
                queue.Waiting = null;
                queue.Current = new CurrentItem(item, started.Id, _time.GetUtcNow(), started.DurationSeconds);
                Log.ItemStarted(_logger, item.Id, queue.Target, started.Id);
                return;
            }

            if (outcome.Failure == StartFailure.Refused)
            {
                if (queue.Waiting is null)
                {
                    Log.ItemWaiting(_logger, item.Id, queue.Target, outcome.Error ?? string.Empty);
                }

                queue.Waiting = $"item {item.Id} waits: {outcome.Error}";
                return;
            }

            // Not playable at all (programme deleted, file gone): drop it rather than block the queue behind it.
            queue.Pending.RemoveAt(0);
            Record(AuditActors.System, queue, $"dropped item {item.Id}: {outcome.Error}");
            Log.ItemDropped(_logger, item.Id, queue.Target, outcome.Error ?? string.Empty);
        }
    }

    private void StopCurrent(TargetQueue queue, CurrentItem current, string actor, string reason)
    {
        // Cleared first: the Ended event of this stop must not start the next item a second time.
        queue.Current = null;
        _broadcasts.Stop(current.Broadcast, reason);
        Record(actor, queue, $"item {current.Item.Id} ({current.Item.Programme}) {reason}");
    }

    private QueueView View(TargetQueue queue)
    {
        QueueNowPlaying? now = null;
        DateTimeOffset? next = null;
        if (queue.Current is { } current)
        {
            next = current.StartedAt + TimeSpan.FromSeconds(current.DurationSeconds);
            now = new QueueNowPlaying(current.Item.Id, current.Item.Programme, current.Item.Priority.ToString(), current.Broadcast, current.StartedAt, next);
        }
        else if (queue.Waiting is null)
        {
            next = _time.GetUtcNow();
        }

        var items = new List<QueueItemView>(queue.Pending.Count);
        for (var i = 0; i < queue.Pending.Count; i++)
        {
            var item = queue.Pending[i];
            items.Add(new QueueItemView(item.Id, i, item.Programme, item.Priority.ToString(), item.AddedBy, item.AddedAt, next));
            next = _broadcasts.DurationOf(item.Programme) is { } seconds && next is { } at ? at + TimeSpan.FromSeconds(seconds) : null;
        }

        return new QueueView(queue.Target, now, items, queue.Waiting);
    }

    private (TargetQueue Queue, int Index)? FindPending(long itemId)
    {
        foreach (var queue in _queues.Values)
        {
            var index = queue.Pending.FindIndex(i => i.Id == itemId);
            if (index >= 0)
            {
                return (queue, index);
            }
        }

        return null;
    }

    private static QueueResult ItemNotFound(long itemId) =>
        QueueResult.Fail(404, $"item: no waiting queue item {itemId} (an item that already plays is skipped, not removed); GET /api/queue lists them");

    private void Record(string actor, TargetQueue queue, string detail) =>
        _audit?.Append(new AuditEvent(actor, AuditActions.QueueChange, $"queue {queue.Target}", "ok", [queue.Target], _topology.Resolve(queue.Target) is { IsOk: true } r ? _topology.CommunesOf(r.ClusterIds) : null, detail));

    private static string Key(string target) => target.Trim().Normalize(System.Text.NormalizationForm.FormC);

    private sealed class TargetQueue(string target)
    {
        public string Target { get; } = target;

        public List<QueueItem> Pending { get; } = [];

        public CurrentItem? Current { get; set; }

        /// <summary>Why the first item does not play yet (refused by the arbiter), or null.</summary>
        public string? Waiting { get; set; }
    }

    private sealed record CurrentItem(QueueItem Item, long Broadcast, DateTimeOffset StartedAt, double DurationSeconds);

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Information, "Queue item {Item} for {Target} started as broadcast {Broadcast}", EventName = "QueueItemStarted")]
        public static partial void ItemStarted(ILogger logger, long item, string target, long broadcast);

        [LoggerMessage(61, LogLevel.Information, "Queue item {Item} for {Target} ended: {Reason}", EventName = "QueueItemEnded")]
        public static partial void ItemEnded(ILogger logger, long item, string target, string reason);

        [LoggerMessage(62, LogLevel.Warning, "Queue item {Item} for {Target} waits: {Reason}", EventName = "QueueItemWaiting")]
        public static partial void ItemWaiting(ILogger logger, long item, string target, string reason);

        [LoggerMessage(63, LogLevel.Warning, "Queue item {Item} for {Target} dropped, it cannot play: {Reason}", EventName = "QueueItemDropped")]
        public static partial void ItemDropped(ILogger logger, long item, string target, string reason);

        [LoggerMessage(64, LogLevel.Error, "Play queue failed to start the next item", EventName = "QueuePumpFailed")]
        public static partial void PumpFailed(ILogger logger, Exception exception);
    }
}

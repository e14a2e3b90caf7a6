namespace Broadcast.Controller.Queue;

/// <summary>Operator play queues, one per target (filled in by the queue work).</summary>
internal sealed class PlayQueue
{
}

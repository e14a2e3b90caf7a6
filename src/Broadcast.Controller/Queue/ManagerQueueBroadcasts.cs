using Broadcast.Controller.Broadcasts;
using Broadcast.Library;

namespace Broadcast.Controller.Queue;

/// <summary>The play queue's view of the real streaming engine and library.</summary>
internal sealed class ManagerQueueBroadcasts(BroadcastManager manager, IProgrammeCatalog? catalog = null) : IQueueBroadcasts
{
    public event Action<BroadcastEnded>? Ended
    {
        add => manager.Ended += value;
        remove => manager.Ended -= value;
    }

    public Task<StartOutcome> StartBroadcastAsync(BroadcastRequest request, CancellationToken cancellationToken) =>
        manager.StartBroadcastAsync(request, cancellationToken);

    public bool Stop(long id, string reason) => manager.Stop(id, reason);

    public double? DurationOf(string programme) => catalog?.Find(programme)?.DurationSeconds;

    public bool Exists(string programme) => catalog?.Find(programme) is not null || File.Exists(programme);

    public string? WhyNotPlayable(string programme, BroadcastPriority priority) =>
        catalog?.Find(programme) is { } record ? ApprovalGate.WhyNotPlayable(record, priority == BroadcastPriority.Emergency) : null;
}

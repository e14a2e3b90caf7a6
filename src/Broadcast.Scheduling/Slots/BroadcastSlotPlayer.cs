using Broadcast.Audit;
using Broadcast.Controller.Broadcasts;

namespace Broadcast.Scheduling.Slots;

/// <summary>Airs a slot through <see cref="BroadcastManager"/>: the arbiter decides as for any broadcast (issue #6: priorities apply to schedules too).</summary>
internal sealed class BroadcastSlotPlayer(BroadcastManager broadcasts) : ISlotPlayer
{
    public async Task<SlotPlayResult> PlayAsync(SlotPlayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // With a playlist the manager treats Programme as a label; a single programme keeps its own id there.
        var label = request.Programmes.Count == 1 ? request.Programmes[0] : request.Name;
        var outcome = await broadcasts.StartBroadcastAsync(
            new BroadcastRequest(label, request.Target, request.Priority)
            {
                Playlist = request.Programmes,
                Actor = AuditActors.Scheduler,
                Origin = request.Origin,
            },
            cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            { Broadcast: { } b } => SlotPlayResult.Started(b.Id, b.Targets.Count, b.Refused.Count),
            { Failure: StartFailure.Refused } => SlotPlayResult.RefusedBy(outcome.Error ?? "refused by the arbiter"),
            _ => SlotPlayResult.Failed(outcome.Error ?? "the broadcast could not start"),
        };
    }
}

using Broadcast.Controller.Broadcasts;

namespace Broadcast.Scheduling.Slots;

/// <summary>Starts the broadcast of one slot. Production: <see cref="BroadcastSlotPlayer"/> over the broadcast manager.</summary>
internal interface ISlotPlayer
{
    Task<SlotPlayResult> PlayAsync(SlotPlayRequest request, CancellationToken cancellationToken);
}

/// <summary>One slot to air: the schedule's playlist, target and priority, and the planned instant it airs for.</summary>
internal sealed record SlotPlayRequest(long ScheduleId, string Name, IReadOnlyList<string> Programmes, string Target, BroadcastPriority Priority, DateTimeOffset PlannedUtc, string Origin);

/// <summary>What starting a slot's broadcast gave: its id, or a refusal by the arbiter, or another failure; with a message for people.</summary>
internal sealed record SlotPlayResult(long? BroadcastId, bool Refused, string? Error, int Endpoints = 0, int RefusedEndpoints = 0)
{
    public static SlotPlayResult Started(long id, int endpoints, int refusedEndpoints) => new(id, false, null, endpoints, refusedEndpoints);

    public static SlotPlayResult RefusedBy(string error) => new(null, true, error);

    public static SlotPlayResult Failed(string error) => new(null, false, error);
}

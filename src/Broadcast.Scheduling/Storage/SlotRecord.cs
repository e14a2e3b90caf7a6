namespace Broadcast.Scheduling.Storage;

/// <summary>
/// One row of the slot ledger: a slot of a schedule and what became of it. <c>Late</c> is how long after the planned
/// time the broadcast was started; <c>Reason</c> says why it was missed, refused, skipped, failed or late, for operators.
/// </summary>
internal sealed record SlotRecord(
    long ScheduleId,
    DateTimeOffset PlannedUtc,
    SlotStatus Status,
    DateTimeOffset RecordedUtc,
    TimeSpan? Late = null,
    long? BroadcastId = null,
    string? Reason = null);

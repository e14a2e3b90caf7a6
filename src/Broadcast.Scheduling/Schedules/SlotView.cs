namespace Broadcast.Scheduling.Schedules;

/// <summary>
/// One slot for operators: when it was planned (local, with offset), and its status: <c>aired</c>, <c>late</c>,
/// <c>missed</c>, <c>refused</c>, <c>skipped</c>, <c>failed</c>, <c>starting</c> from the ledger; <c>planned</c> (future),
/// or <c>due</c> (past, not settled yet: firing now or still inside its grace window) for the calendar view.
/// </summary>
public sealed record SlotView(
    long ScheduleId,
    string Name,
    string PlannedAt,
    string Status,
    double? LateSeconds,
    long? BroadcastId,
    string? Reason,
    string Target,
    string Priority);

namespace Broadcast.Scheduling.Slots;

/// <summary>Who asks <see cref="SlotRunner"/> to settle a schedule's due slots.</summary>
internal enum SlotRunMode
{
    /// <summary>A Quartz firing: the latest due slot still inside its grace window airs.</summary>
    Fire = 0,

    /// <summary>The start-up reconciliation and the periodic sweep: only settles what is past its grace window (or skipped); airs nothing.</summary>
    Sweep = 1,
}

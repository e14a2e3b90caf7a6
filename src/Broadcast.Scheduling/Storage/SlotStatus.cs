namespace Broadcast.Scheduling.Storage;

/// <summary>What became of one slot (one occurrence of one schedule).</summary>
public enum SlotStatus
{
    /// <summary>Claimed by a firing that is starting the broadcast (a row left in this state by a crash becomes <see cref="Failed"/>).</summary>
    Starting = 0,

    /// <summary>The broadcast started on time.</summary>
    Aired = 1,

    /// <summary>The broadcast started late, within the grace window (the controller was down or busy at the slot's time).</summary>
    Late = 2,

    /// <summary>Not aired: the grace window had passed, or a later slot of the same schedule aired instead.</summary>
    Missed = 3,

    /// <summary>The arbiter refused: equal or higher priority broadcasts held every target endpoint.</summary>
    Refused = 4,

    /// <summary>Not aired on purpose: the date is one of the schedule's exceptions.</summary>
    Skipped = 5,

    /// <summary>Starting failed (programme gone, controller stopped mid-start); never retried, so never aired twice.</summary>
    Failed = 6,
}

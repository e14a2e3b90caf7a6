namespace Broadcast.Scheduling.Definitions;

/// <summary>How a schedule recurs. Every kind is read in the schedule's own time zone.</summary>
public enum ScheduleKind
{
    /// <summary>Once, at a local date and time.</summary>
    OneOff = 0,

    /// <summary>Every day at one or more local times.</summary>
    Daily = 1,

    /// <summary>Monday to Friday at one or more local times.</summary>
    Weekdays = 2,

    /// <summary>The first Monday of every month at one or more local times.</summary>
    MonthlyFirstMonday = 3,

    /// <summary>A Quartz cron expression, for what the other kinds cannot say.</summary>
    Cron = 4,
}

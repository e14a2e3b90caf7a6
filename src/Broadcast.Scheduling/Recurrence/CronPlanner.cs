using System.Globalization;
using Broadcast.Scheduling.Definitions;

namespace Broadcast.Scheduling.Recurrence;

/// <summary>
/// Turns the calendar kinds into Quartz cron expressions (seconds minutes hours day-of-month month day-of-week), one
/// per time of day: 05:30 and 17:00 share neither minute nor hour, so one expression cannot say both without also
/// meaning 05:00 and 17:30.
/// </summary>
internal static class CronPlanner
{
    public static IReadOnlyList<string> ExpressionsFor(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Kind switch
        {
            ScheduleKind.OneOff => [],
            ScheduleKind.Cron => [definition.Cron!],
            _ => [.. definition.Times.Select(t => ForTime(definition.Kind, t))],
        };
    }

    private static string ForTime(ScheduleKind kind, TimeOnly time)
    {
        var clock = string.Create(CultureInfo.InvariantCulture, $"{time.Second} {time.Minute} {time.Hour}");
        return kind switch
        {
            ScheduleKind.Daily => $"{clock} * * ?",
            ScheduleKind.Weekdays => $"{clock} ? * MON-FRI",
            // MON#1: the first Monday of the month (Quartz's "nth day-of-week" form).
            ScheduleKind.MonthlyFirstMonday => $"{clock} ? * MON#1",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a calendar kind"),
        };
    }
}

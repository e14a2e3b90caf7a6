using System.Globalization;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Recurrence;

namespace Broadcast.Scheduling.Slots;

/// <summary>The sentences operators read in the ledger, the calendar view and the audit trail; times in the schedule's zone.</summary>
internal static class SlotReasons
{
    public static string Skipped(SkipDate skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        var date = skip.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(skip.Reason) ? $"{date} is an exception date of this schedule" : $"{date} is an exception date of this schedule: {skip.Reason}";
    }

    /// <summary>Why a slot past its grace window did not air: the controller was down at its time, or nothing fired it in time.</summary>
    public static string Missed(ScheduleDefinition schedule, DateTimeOffset slot, DateTimeOffset now, DateTimeOffset startedUtc)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = schedule.TimeZone;
        var window = $"the {LocalTime.Window(schedule.GraceWindow)} grace window";
        var at = LocalTime.Format(slot, zone);
        if (slot < startedUtc)
        {
            return startedUtc - slot > schedule.GraceWindow
                ? $"controller was not running at {at}; came back {LocalTime.FormatNear(startedUtc, slot, zone)}, after {window}"
                : $"controller was not running at {at}; came back {LocalTime.FormatNear(startedUtc, slot, zone)} but the slot was not fired until {LocalTime.FormatNear(now, slot, zone)}, after {window}";
        }

        return $"not fired until {LocalTime.FormatNear(now, slot, zone)}, after {window} (the scheduler was stalled or the trigger was lost)";
    }

    public static string Superseded(ScheduleDefinition schedule, DateTimeOffset slot, DateTimeOffset later)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return $"superseded: the later slot at {LocalTime.FormatNear(later, slot, schedule.TimeZone)} aired instead (after a delay only the latest due slot airs)";
    }

    /// <summary>Null for a slot that aired on time to every target; otherwise what operators should know.</summary>
    public static string? Aired(ScheduleDefinition schedule, DateTimeOffset slot, TimeSpan late, DateTimeOffset startedUtc, SlotPlayResult result)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>();
        if (late > SlotRunner.OnTimeTolerance)
        {
            parts.Add(slot < startedUtc
                ? $"aired {LocalTime.Duration(late)} late: the controller was not running at {LocalTime.Format(slot, schedule.TimeZone)} and came back within the {LocalTime.Window(schedule.GraceWindow)} grace window"
                : $"aired {LocalTime.Duration(late)} late, within the {LocalTime.Window(schedule.GraceWindow)} grace window");
        }

        if (result.RefusedEndpoints > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{result.RefusedEndpoints} of {result.Endpoints + result.RefusedEndpoints} target endpoints were held by equal or higher priority broadcasts"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

using System.Globalization;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;

namespace Broadcast.Scheduling.Schedules;

/// <summary>Builds the API views of schedules and slots.</summary>
internal static class ScheduleViews
{
    public const int NextCount = 10;

    public static ScheduleView Of(ScheduleDefinition s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        var next = s.IsRemoved
            ? []
            : OccurrencePlan.For(s).After(now).Take(NextCount).Select(o => new OccurrenceView(LocalTime.Iso(o, s.TimeZone), s.SkipFor(o) is not null)).ToList();
        return new ScheduleView(
            s.Id,
            s.Name,
            ScheduleKindNames.Name(s.Kind),
            Describe(s),
            s.AtLocal?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            [.. s.Times.Select(Clock)],
            s.Cron,
            CronPlanner.ExpressionsFor(s),
            s.Programmes,
            s.Target,
            s.Priority.ToString(),
            s.GraceWindow.ToString("c", CultureInfo.InvariantCulture),
            s.TimeZone.Id,
            s.CreatedBy,
            LocalTime.Iso(s.CreatedUtc, s.TimeZone),
            s.RemovedUtc is { } removed ? LocalTime.Iso(removed, s.TimeZone) : null,
            [.. s.Skips.Select(k => new SkipView(k.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), k.Reason))],
            next);
    }

    public static SlotView Of(ScheduleDefinition s, SlotRecord r)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(r);
        return new SlotView(s.Id, s.Name, LocalTime.Iso(r.PlannedUtc, s.TimeZone), SlotStatusNames.Name(r.Status), r.Late?.TotalSeconds, r.BroadcastId, r.Reason, s.Target, s.Priority.ToString());
    }

    /// <summary>A slot with no ledger row: <c>planned</c>, <c>skipped</c> (future exception date) or <c>due</c>.</summary>
    public static SlotView Unsettled(ScheduleDefinition s, DateTimeOffset planned, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        var skip = s.SkipFor(planned);
        var status = skip is not null ? "skipped" : planned > now ? "planned" : "due";
        return new SlotView(s.Id, s.Name, LocalTime.Iso(planned, s.TimeZone), status, null, null, skip?.Reason, s.Target, s.Priority.ToString());
    }

    public static string Describe(ScheduleDefinition s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var times = string.Join(", ", s.Times.Select(Clock));
        return s.Kind switch
        {
            ScheduleKind.OneOff => $"once at {s.AtLocal!.Value.ToString(s.AtLocal.Value.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}",
            ScheduleKind.Daily => $"daily at {times}",
            ScheduleKind.Weekdays => $"weekdays at {times}",
            ScheduleKind.MonthlyFirstMonday => $"first Monday of the month at {times}",
            _ => $"cron '{s.Cron}'",
        };
    }

    private static string Clock(TimeOnly t) => t.ToString(t.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}

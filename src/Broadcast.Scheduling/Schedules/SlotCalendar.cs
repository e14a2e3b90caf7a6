using System.Globalization;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;
using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling.Schedules;

/// <summary>
/// Every slot of every schedule in a time range with its status, for a week view: the ledger for slots that fell
/// due, the plans for the rest, and the ledger rows of removed schedules so the past stays as it was.
/// </summary>
internal sealed class SlotCalendar(ScheduleRepository repository, SlotLedger ledger, TimeProvider time, IOptions<SchedulingOptions> options)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(62);
    public const int MaxSlots = 5000;

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>Slots in [<paramref name="from"/>, <paramref name="to"/>), local times in <c>Scheduling:TimeZone</c>; defaults: today and the next 7 days.</summary>
    public ScheduleResult<IReadOnlyList<SlotView>> Range(string? from, string? to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var now = time.GetUtcNow();
        DateTimeOffset start;
        if (string.IsNullOrWhiteSpace(from))
        {
            start = LocalTime.ToUtc(LocalTime.DateOf(now, zone).ToDateTime(TimeOnly.MinValue), zone);
        }
        else if (!TryRead(from, zone, out start))
        {
            return ScheduleResult<IReadOnlyList<SlotView>>.Fail(ScheduleProblem.Invalid("from", $"from: '{from}' is not a local date or time; write 2026-12-01 or 2026-12-01 05:30"));
        }

        DateTimeOffset end;
        if (string.IsNullOrWhiteSpace(to))
        {
            end = start + TimeSpan.FromDays(7);
        }
        else if (!TryRead(to, zone, out end))
        {
            return ScheduleResult<IReadOnlyList<SlotView>>.Fail(ScheduleProblem.Invalid("to", $"to: '{to}' is not a local date or time; write 2026-12-08"));
        }

        if (end <= start || end - start > MaxRange)
        {
            return ScheduleResult<IReadOnlyList<SlotView>>.Fail(ScheduleProblem.Invalid("to", string.Create(CultureInfo.InvariantCulture, $"to: must be after from and at most {MaxRange.TotalDays:0} days later")));
        }

        var rows = ledger.Between(start, end).ToDictionary(r => (r.ScheduleId, r.PlannedUtc));
        var active = repository.Active();
        var slots = new List<(DateTimeOffset At, SlotView View)>();
        foreach (var schedule in active)
        {
            foreach (var planned in OccurrencePlan.For(schedule).After(start - TimeSpan.FromTicks(1)).TakeWhile(o => o < end).Take(MaxSlots + 1))
            {
                slots.Add((planned, rows.Remove((schedule.Id, planned), out var row) ? ScheduleViews.Of(schedule, row) : ScheduleViews.Unsettled(schedule, planned, now)));
            }
        }

        // Rows left over belong to removed schedules (or to occurrences a schedule no longer has).
        var others = active.ToDictionary(s => s.Id);
        foreach (var row in rows.Values)
        {
            if ((others.GetValueOrDefault(row.ScheduleId) ?? repository.Find(row.ScheduleId)) is { } owner)
            {
                others[owner.Id] = owner;
                slots.Add((row.PlannedUtc, ScheduleViews.Of(owner, row)));
            }
        }

        if (slots.Count > MaxSlots)
        {
            return ScheduleResult<IReadOnlyList<SlotView>>.Fail(ScheduleProblem.Invalid("to", string.Create(CultureInfo.InvariantCulture, $"to: the range holds more than {MaxSlots} slots; ask for fewer days")));
        }

        return ScheduleResult<IReadOnlyList<SlotView>>.Ok([.. slots.OrderBy(s => s.At).ThenBy(s => s.View.ScheduleId).Select(s => s.View)]);
    }

    private static bool TryRead(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        instant = LocalTime.ToUtc(local, zone);
        return true;
    }
}

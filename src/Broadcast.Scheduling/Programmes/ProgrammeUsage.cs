using Broadcast.Library;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;

namespace Broadcast.Scheduling.Programmes;

/// <summary>Tells the library which future schedule still plays a programme, so it refuses to delete it (naming the schedule).</summary>
internal sealed class ProgrammeUsage(ScheduleRepository schedules, TimeProvider time) : IProgrammeUsage
{
    public string? FindFutureUse(string programmeId)
    {
        var now = time.GetUtcNow();
        foreach (var schedule in schedules.Active().Where(s => s.Programmes.Contains(programmeId, StringComparer.Ordinal)))
        {
            // The next slot that will actually air: a skipped date does not need the programme.
            var next = OccurrencePlan.For(schedule).After(now).Take(1000).FirstOrDefault(o => schedule.SkipFor(o) is null);
            if (next != default)
            {
                return $"schedule {schedule.Id} '{schedule.Name}' next at {LocalTime.Format(next, schedule.TimeZone)}";
            }
        }

        return null;
    }
}

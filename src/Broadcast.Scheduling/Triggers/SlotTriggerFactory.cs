using System.Globalization;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Slots;
using Quartz;

namespace Broadcast.Scheduling.Triggers;

/// <summary>
/// One Quartz job per schedule and one trigger per cron expression (or one simple trigger for a one-off), all in the
/// schedule's time zone. Misfire policy: fire once now. Whether a late firing may still air is the
/// <see cref="SlotRunner"/>'s decision (grace window), not Quartz's.
/// </summary>
internal static class SlotTriggerFactory
{
    public const string Group = "bcast-schedules";

    public static JobKey JobKeyFor(long scheduleId) => new(string.Create(CultureInfo.InvariantCulture, $"schedule-{scheduleId}"), Group);

    public static IJobDetail Job(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return JobBuilder.Create<SlotJob>()
            .WithIdentity(JobKeyFor(schedule.Id))
            .WithDescription(schedule.Name)
            .UsingJobData(SlotJob.ScheduleIdKey, schedule.Id.ToString(CultureInfo.InvariantCulture))
            .Build();
    }

    /// <summary>The triggers of <paramref name="schedule"/> that can still fire after <paramref name="from"/>; empty for a one-off in the past.</summary>
    public static IReadOnlyList<ITrigger> Triggers(ScheduleDefinition schedule, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var job = JobKeyFor(schedule.Id);
        if (schedule.Kind == ScheduleKind.OneOff)
        {
            var at = LocalTime.ToUtc(schedule.AtLocal!.Value, schedule.TimeZone);
            return at < from
                ? []
                : [TriggerBuilder.Create()
                    .WithIdentity(string.Create(CultureInfo.InvariantCulture, $"schedule-{schedule.Id}-once"), Group)
                    .ForJob(job)
                    .StartAt(at)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build()];
        }

        return [.. CronPlanner.ExpressionsFor(schedule).Select((expression, i) => TriggerBuilder.Create()
            .WithIdentity(string.Create(CultureInfo.InvariantCulture, $"schedule-{schedule.Id}-{i}"), Group)
            .ForJob(job)
            .StartAt(from)
            .WithSchedule(CronScheduleBuilder.Create(expression)
                .InTimeZone(schedule.TimeZone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build())];
    }
}

using Broadcast.Scheduling.Definitions;
using Quartz;

namespace Broadcast.Scheduling.Triggers;

/// <summary>Keeps the Quartz job store in step with the schedule definitions.</summary>
internal sealed class QuartzScheduleTriggers(ISchedulerFactory factory) : IScheduleTriggers
{
    public async Task ScheduleAsync(ScheduleDefinition schedule, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var triggers = SlotTriggerFactory.Triggers(schedule, from);
        if (triggers.Count == 0)
        {
            return;
        }

        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleJob(SlotTriggerFactory.Job(schedule), triggers, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    public async Task UnscheduleAsync(long scheduleId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(SlotTriggerFactory.JobKeyFor(scheduleId), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsScheduledAsync(long scheduleId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        return await scheduler.Exists(SlotTriggerFactory.JobKeyFor(scheduleId), cancellationToken).ConfigureAwait(false);
    }
}

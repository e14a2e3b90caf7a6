using Broadcast.Scheduling.Definitions;

namespace Broadcast.Scheduling.Triggers;

/// <summary>Registers and removes the Quartz triggers of schedules (a seam so schedule validation is testable without Quartz).</summary>
internal interface IScheduleTriggers
{
    /// <summary>Creates or replaces the job and triggers of <paramref name="schedule"/>, firing from <paramref name="from"/> on.</summary>
    Task ScheduleAsync(ScheduleDefinition schedule, DateTimeOffset from, CancellationToken cancellationToken);

    Task UnscheduleAsync(long scheduleId, CancellationToken cancellationToken);

    Task<bool> IsScheduledAsync(long scheduleId, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Triggers;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>Stands in for Quartz where a test is about validation or the ledger, not about firing.</summary>
internal sealed class RecordingTriggers : IScheduleTriggers
{
    public ConcurrentDictionary<long, ScheduleDefinition> Scheduled { get; } = new();

    public Task ScheduleAsync(ScheduleDefinition schedule, DateTimeOffset from, CancellationToken cancellationToken)
    {
        Scheduled[schedule.Id] = schedule;
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(long scheduleId, CancellationToken cancellationToken)
    {
        Scheduled.TryRemove(scheduleId, out _);
        return Task.CompletedTask;
    }

    public Task<bool> IsScheduledAsync(long scheduleId, CancellationToken cancellationToken) => Task.FromResult(Scheduled.ContainsKey(scheduleId));
}

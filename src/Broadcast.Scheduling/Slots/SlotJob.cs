using System.Globalization;
using Quartz;

namespace Broadcast.Scheduling.Slots;

/// <summary>The Quartz job of every schedule: its trigger says when, <see cref="SlotRunner"/> says what happens.</summary>
internal sealed class SlotJob(SlotRunner runner) : IJob
{
    /// <summary>Job data key holding the schedule id (stored as a string: <c>StoreJobDataAsStrings</c>).</summary>
    public const string ScheduleIdKey = "scheduleId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.MergedJobDataMap.TryGetValue(ScheduleIdKey, out var value)
            || !long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var scheduleId))
        {
            throw new InvalidOperationException($"Quartz job {context.JobDetail.Key} carries no '{ScheduleIdKey}'; it was not created by the scheduler");
        }

        // Which occurrence this firing stands for does not matter: Quartz moves a misfired trigger's fire time to
        // "now", so the runner settles every due slot from the clock and the ledger instead.
        await runner.ProcessAsync(scheduleId, SlotRunMode.Fire, cancellationToken).ConfigureAwait(false);
    }
}

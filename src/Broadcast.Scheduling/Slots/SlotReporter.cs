using Broadcast.Audit;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Targets;
using Microsoft.Extensions.Logging;

namespace Broadcast.Scheduling.Slots;

/// <summary>One log line and one audit entry for each slot outcome the ledger recorded.</summary>
internal sealed class SlotReporter(ITargetDirectory targets, ILogger<SlotReporter> logger, IAuditTrail? audit = null)
{
    public void Report(ScheduleDefinition schedule, SlotRecord record)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(record);
        var planned = LocalTime.Format(record.PlannedUtc, schedule.TimeZone);
        var reason = record.Reason ?? string.Empty;
        switch (record.Status)
        {
            case SlotStatus.Aired:
                var late = LocalTime.Duration(record.Late ?? TimeSpan.Zero);
                SchedulingLog.SlotAired(logger, planned, schedule.Id, schedule.Name, record.BroadcastId ?? 0, late);
                break;
            case SlotStatus.Late:
                SchedulingLog.SlotLate(logger, planned, schedule.Id, schedule.Name, record.BroadcastId ?? 0, reason);
                break;
            case SlotStatus.Missed:
                SchedulingLog.SlotMissed(logger, planned, schedule.Id, schedule.Name, reason);
                break;
            case SlotStatus.Skipped:
                SchedulingLog.SlotSkipped(logger, planned, schedule.Id, schedule.Name, reason);
                break;
            case SlotStatus.Refused:
                SchedulingLog.SlotRefused(logger, planned, schedule.Id, schedule.Name, reason);
                break;
            default:
                SchedulingLog.SlotFailed(logger, planned, schedule.Id, schedule.Name, reason);
                break;
        }

        if (audit is null)
        {
            return;
        }

        var action = record.Status is SlotStatus.Missed or SlotStatus.Skipped ? AuditActions.SlotMissed : AuditActions.SlotFired;
        var what = record.BroadcastId is { } id ? $"broadcast {id}" : SlotStatusNames.Name(record.Status);
        var detail = $"'{schedule.Name}' slot {planned} ({schedule.TimeZone.Id}): {what}" + (record.Reason is null ? string.Empty : $"; {record.Reason}");
        audit.Append(new AuditEvent(AuditActors.Scheduler, action, $"schedule {schedule.Id}", SlotStatusNames.Name(record.Status), [schedule.Target], targets.Lookup(schedule.Target).Communes, detail));
    }
}

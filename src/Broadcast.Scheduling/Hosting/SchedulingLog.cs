using Microsoft.Extensions.Logging;

namespace Broadcast.Scheduling.Hosting;

/// <summary>The scheduler's log events (6000-6099).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 6000, EventName = "SchedulerReady", Level = LogLevel.Information,
        Message = "Scheduler ready: {Schedules} active schedules in {Location}, time zone {TimeZone}, default grace window {Grace}")]
    public static partial void SchedulerReady(ILogger logger, int schedules, string location, string timeZone, TimeSpan grace);

    [LoggerMessage(EventId = 6001, EventName = "ScheduleAdded", Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} '{Name}' added by {Actor}: {Description} to {Target} ({Priority}); next {Next}")]
    public static partial void ScheduleAdded(ILogger logger, long scheduleId, string name, string actor, string description, string target, string priority, string next);

    [LoggerMessage(EventId = 6002, EventName = "ScheduleRemoved", Level = LogLevel.Information, Message = "Schedule {ScheduleId} '{Name}' removed by {Actor}")]
    public static partial void ScheduleRemoved(ILogger logger, long scheduleId, string name, string actor);

    [LoggerMessage(EventId = 6003, EventName = "ScheduleSkip", Level = LogLevel.Information, Message = "Schedule {ScheduleId} '{Name}' skips {Date} ({Reason}), by {Actor}")]
    public static partial void ScheduleSkip(ILogger logger, long scheduleId, string name, string date, string reason, string actor);

    [LoggerMessage(EventId = 6010, EventName = "SlotAired", Level = LogLevel.Information,
        Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' aired as broadcast {BroadcastId}, {Late} after its time")]
    public static partial void SlotAired(ILogger logger, string planned, long scheduleId, string name, long broadcastId, string late);

    [LoggerMessage(EventId = 6011, EventName = "SlotLate", Level = LogLevel.Warning,
        Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' aired late as broadcast {BroadcastId}: {Reason}")]
    public static partial void SlotLate(ILogger logger, string planned, long scheduleId, string name, long broadcastId, string reason);

    [LoggerMessage(EventId = 6012, EventName = "SlotMissed", Level = LogLevel.Warning, Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' missed: {Reason}")]
    public static partial void SlotMissed(ILogger logger, string planned, long scheduleId, string name, string reason);

    [LoggerMessage(EventId = 6013, EventName = "SlotSkipped", Level = LogLevel.Information, Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' skipped: {Reason}")]
    public static partial void SlotSkipped(ILogger logger, string planned, long scheduleId, string name, string reason);

    [LoggerMessage(EventId = 6014, EventName = "SlotRefused", Level = LogLevel.Warning, Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' refused: {Reason}")]
    public static partial void SlotRefused(ILogger logger, string planned, long scheduleId, string name, string reason);

    [LoggerMessage(EventId = 6015, EventName = "SlotFailed", Level = LogLevel.Error, Message = "Slot {Planned} of schedule {ScheduleId} '{Name}' failed to start: {Reason}")]
    public static partial void SlotFailed(ILogger logger, string planned, long scheduleId, string name, string reason);

    [LoggerMessage(EventId = 6016, EventName = "SlotAlreadyClaimed", Level = LogLevel.Debug,
        Message = "Slot {Planned} of schedule {ScheduleId} is already in the ledger; this firing does nothing (a slot airs at most once)")]
    public static partial void SlotAlreadyClaimed(ILogger logger, string planned, long scheduleId);

    [LoggerMessage(EventId = 6017, EventName = "SlotPlayerThrew", Level = LogLevel.Error, Message = "Starting slot {Planned} of schedule {ScheduleId} threw")]
    public static partial void SlotPlayerThrew(ILogger logger, Exception exception, string planned, long scheduleId);

    [LoggerMessage(EventId = 6020, EventName = "StaleClaimsFailed", Level = LogLevel.Warning,
        Message = "{Count} slots were being started when the controller stopped; recorded as failed and not started again")]
    public static partial void StaleClaimsFailed(ILogger logger, int count);

    [LoggerMessage(EventId = 6021, EventName = "TriggersRestored", Level = LogLevel.Warning,
        Message = "Schedule {ScheduleId} '{Name}' had no Quartz trigger in the store; re-created it")]
    public static partial void TriggersRestored(ILogger logger, long scheduleId, string name);

    [LoggerMessage(EventId = 6022, EventName = "SweepFailed", Level = LogLevel.Error, Message = "Checking schedules for missed slots failed; retried in {Interval}")]
    public static partial void SweepFailed(ILogger logger, Exception exception, TimeSpan interval);
}

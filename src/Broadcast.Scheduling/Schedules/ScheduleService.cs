using System.Globalization;
using Broadcast.Audit;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Targets;
using Broadcast.Scheduling.Triggers;
using Microsoft.Extensions.Logging;

namespace Broadcast.Scheduling.Schedules;

/// <summary>
/// What the API and the CLI do with schedules: add (validated, stored, given its Quartz triggers), list, show, remove,
/// skip a date, and read a schedule's slot ledger. Every change is audited.
/// </summary>
internal sealed class ScheduleService(
    ScheduleRequestValidator validator,
    ScheduleRepository repository,
    SlotLedger ledger,
    IScheduleTriggers triggers,
    ITargetDirectory targets,
    TimeProvider time,
    ILogger<ScheduleService> logger,
    IAuditTrail? audit = null)
{
    private const int MaxSkipReasonLength = 200;
    private const int SlotHistory = 500;

    public async Task<ScheduleResult<ScheduleView>> AddAsync(ScheduleRequest request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (definition, problems) = validator.Validate(request, now, actor);
        if (definition is null)
        {
            return ScheduleResult<ScheduleView>.Fail(problems);
        }

        var stored = repository.Insert(definition);
        try
        {
            await triggers.ScheduleAsync(stored, now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing refers to it yet: without its triggers the schedule must not exist half-made.
            repository.Delete(stored.Id);
            throw;
        }

        var view = ScheduleViews.Of(stored, now);
        var detail = $"'{stored.Name}': {view.Description} ({stored.TimeZone.Id}), {stored.Priority} priority, {string.Join(" + ", stored.Programmes)}, grace window {view.GraceWindow}";
        Audit(actor, AuditActions.ScheduleAdd, stored, detail);
        if (logger.IsEnabled(LogLevel.Information))
        {
            SchedulingLog.ScheduleAdded(logger, stored.Id, stored.Name, actor, view.Description, stored.Target, view.Priority, view.Next.Count > 0 ? view.Next[0].At : "none");
        }

        return ScheduleResult<ScheduleView>.Ok(view);
    }

    public IReadOnlyList<ScheduleView> List()
    {
        var now = time.GetUtcNow();
        return [.. repository.Active().Select(s => ScheduleViews.Of(s, now))];
    }

    /// <summary>The schedule with its next slots (a removed one too, with <c>removedAt</c>); null when there is none.</summary>
    public ScheduleView? Get(long id) => repository.Find(id) is { } s ? ScheduleViews.Of(s, time.GetUtcNow()) : null;

    /// <summary>Removes a schedule and its triggers; its slot history stays. Null when there is no such active schedule.</summary>
    public async Task<ScheduleView?> RemoveAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (repository.Find(id) is not { IsRemoved: false } schedule || !repository.Remove(id, actor, now))
        {
            return null;
        }

        await triggers.UnscheduleAsync(id, cancellationToken).ConfigureAwait(false);
        Audit(actor, AuditActions.ScheduleRemove, schedule, $"'{schedule.Name}': {ScheduleViews.Describe(schedule)} removed");
        SchedulingLog.ScheduleRemoved(logger, id, schedule.Name, actor);
        return ScheduleViews.Of(schedule with { RemovedUtc = now, RemovedBy = actor }, now);
    }

    /// <summary>Adds an exception date: the schedule's slots on that local date are recorded as skipped instead of airing.</summary>
    public ScheduleResult<ScheduleView> Skip(long id, SkipRequest request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (repository.Find(id) is not { IsRemoved: false } schedule)
        {
            return ScheduleResult<ScheduleView>.Fail(ScheduleProblem.Missing("id", string.Create(CultureInfo.InvariantCulture, $"no schedule {id}; GET /api/schedules lists them")));
        }

        if (!DateOnly.TryParseExact((request.Date ?? string.Empty).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ScheduleResult<ScheduleView>.Fail(ScheduleProblem.Invalid("date", $"date: '{request.Date}' is not a date; write 2026-12-02"));
        }

        var now = time.GetUtcNow();
        var zone = schedule.TimeZone;
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (date < LocalTime.DateOf(now, zone))
        {
            return ScheduleResult<ScheduleView>.Fail(ScheduleProblem.Invalid("date", $"date: {day} is in the past in {zone.Id}"));
        }

        var start = LocalTime.ToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        var end = LocalTime.ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        if (!OccurrencePlan.For(schedule).After(start - TimeSpan.FromTicks(1)).TakeWhile(o => o < end).Any())
        {
            return ScheduleResult<ScheduleView>.Fail(ScheduleProblem.Invalid("date", string.Create(CultureInfo.InvariantCulture, $"date: schedule {id} has no slot on {day} (a {date.DayOfWeek}); nothing to skip")));
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > MaxSkipReasonLength })
        {
            return ScheduleResult<ScheduleView>.Fail(ScheduleProblem.Invalid("reason", $"reason: at most {MaxSkipReasonLength} characters"));
        }

        if (repository.AddSkip(id, new SkipDate(date, reason), actor, now))
        {
            Audit(actor, AuditActions.ScheduleSkip, schedule, $"'{schedule.Name}' skips {day}" + (reason is null ? string.Empty : $": {reason}"));
            SchedulingLog.ScheduleSkip(logger, id, schedule.Name, day, reason ?? "no reason given", actor);
        }

        return ScheduleResult<ScheduleView>.Ok(ScheduleViews.Of(repository.Find(id)!, now));
    }

    /// <summary>The ledger of a schedule (its latest 500 slots, oldest first); null when there is no such schedule.</summary>
    public IReadOnlyList<SlotView>? Slots(long id) =>
        repository.Find(id) is { } schedule ? [.. ledger.ForSchedule(id, SlotHistory).Select(r => ScheduleViews.Of(schedule, r))] : null;

    private void Audit(string actor, string action, ScheduleDefinition schedule, string detail) =>
        audit?.Append(new AuditEvent(actor, action, string.Create(CultureInfo.InvariantCulture, $"schedule {schedule.Id}"), "ok", [schedule.Target], targets.Lookup(schedule.Target).Communes, detail));
}

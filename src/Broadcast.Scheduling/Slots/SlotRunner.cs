using System.Collections.Concurrent;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Storage;
using Microsoft.Extensions.Logging;

namespace Broadcast.Scheduling.Slots;

/// <summary>
/// Settles the slots of a schedule that have fallen due: airs the latest one still inside its grace window, records
/// the others as skipped (exception date) or missed (with the reason), each exactly once through the ledger. Quartz
/// decides when to call; this decides what happens, from the clock and the ledger alone, so a firing that comes late,
/// twice, or after a restart cannot make a slot air twice or late beyond its window.
/// </summary>
internal sealed class SlotRunner(
    ScheduleRepository schedules,
    SlotLedger ledger,
    ISlotPlayer player,
    SlotReporter reporter,
    HostUptime uptime,
    TimeProvider time,
    ILogger<SlotRunner> logger)
{
    /// <summary>
    /// A slot that starts more than this after its time is shown as late. Quartz fires tens of milliseconds after the
    /// planned instant on the reference machine (docs/benchmarks.md, scheduling accuracy), far inside this margin.
    /// </summary>
    public static readonly TimeSpan OnTimeTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back a pass looks for unsettled slots. After an outage longer than this, older slots are not listed one
    /// by one (a cron every minute would make 50,000 rows); the pass still settles the last 35 days.
    /// </summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromDays(35);

    private readonly ConcurrentDictionary<long, SemaphoreSlim> _gates = new();

    /// <summary>Settles the due slots of schedule <paramref name="scheduleId"/>; returns what this call recorded.</summary>
    public async Task<IReadOnlyList<SlotRecord>> ProcessAsync(long scheduleId, SlotRunMode mode, CancellationToken cancellationToken)
    {
        // Two firings of one schedule in this process (two triggers misfired together) queue here; across
        // processes the ledger's primary key decides.
        var gate = _gates.GetOrAdd(scheduleId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessLockedAsync(scheduleId, mode, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<SlotRecord>> ProcessLockedAsync(long scheduleId, SlotRunMode mode, CancellationToken cancellationToken)
    {
        var schedule = schedules.Find(scheduleId);
        if (schedule is null || schedule.IsRemoved)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var due = DueWithoutRow(schedule, now);
        if (due.Count == 0)
        {
            return [];
        }

        DateTimeOffset? toAir = mode == SlotRunMode.Fire
            ? due.Where(o => schedule.SkipFor(o) is null && now - o <= schedule.GraceWindow).Cast<DateTimeOffset?>().LastOrDefault()
            : null;
        var results = new List<SlotRecord>();
        if (toAir is { } slot && await AirAsync(schedule, slot, now, cancellationToken).ConfigureAwait(false) is { } aired)
        {
            results.Add(aired);
        }

        var settled = new List<SlotRecord>();
        foreach (var occurrence in due.Where(o => o != toAir))
        {
            if (schedule.SkipFor(occurrence) is { } skip)
            {
                settled.Add(new SlotRecord(schedule.Id, occurrence, SlotStatus.Skipped, now, Reason: SlotReasons.Skipped(skip)));
            }
            else if (now - occurrence > schedule.GraceWindow)
            {
                settled.Add(new SlotRecord(schedule.Id, occurrence, SlotStatus.Missed, now, Reason: SlotReasons.Missed(schedule, occurrence, now, uptime.StartedUtc)));
            }
            else if (toAir is { } later)
            {
                settled.Add(new SlotRecord(schedule.Id, occurrence, SlotStatus.Missed, now, Reason: SlotReasons.Superseded(schedule, occurrence, later)));
            }

            // Otherwise (a sweep, inside the grace window): the firing Quartz owes this slot will settle it.
        }

        foreach (var record in ledger.InsertMany(settled))
        {
            reporter.Report(schedule, record);
            results.Add(record);
        }

        return results;
    }

    /// <summary>
    /// Occurrences up to now that have no ledger row. A pass settles every due slot, so nothing before the last row
    /// minus the grace window can be open: the search starts there (or at the schedule's creation).
    /// </summary>
    private List<DateTimeOffset> DueWithoutRow(ScheduleDefinition schedule, DateTimeOffset now)
    {
        var since = schedule.CreatedUtc;
        if (ledger.LastPlanned(schedule.Id) is { } last && last - schedule.GraceWindow - TimeSpan.FromSeconds(1) > since)
        {
            since = last - schedule.GraceWindow - TimeSpan.FromSeconds(1);
        }

        if (now - MaxLookback > since)
        {
            since = now - MaxLookback;
        }

        var recorded = ledger.PlannedBetween(schedule.Id, since, now);
        return [.. OccurrencePlan.For(schedule).Between(since, now).Where(o => !recorded.Contains(o))];
    }

    /// <summary>Claims the slot in the ledger, then starts it; null when another firing claimed it first.</summary>
    private async Task<SlotRecord?> AirAsync(ScheduleDefinition schedule, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var planned = LocalTime.Format(slot, schedule.TimeZone);
        if (!ledger.TryInsert(new SlotRecord(schedule.Id, slot, SlotStatus.Starting, now)))
        {
            SchedulingLog.SlotAlreadyClaimed(logger, planned, schedule.Id);
            return null;
        }

        var late = now > slot ? now - slot : TimeSpan.Zero;
        var origin = $"schedule:{schedule.Id}@{LocalTime.Iso(slot, schedule.TimeZone)}";
        var request = new SlotPlayRequest(schedule.Id, schedule.Name, schedule.Programmes, schedule.Target, schedule.Priority, slot, origin);
        SlotPlayResult result;
        try
        {
            result = await player.PlayAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-start: settle the claim now rather than leave it to the next start's clean-up.
            ledger.Complete(new SlotRecord(schedule.Id, slot, SlotStatus.Failed, time.GetUtcNow(), late, Reason: "the controller stopped while starting this slot; it is not started again"));
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The claim stays: retrying could air the slot twice. The failure is recorded, logged and audited.
            SchedulingLog.SlotPlayerThrew(logger, ex, planned, schedule.Id);
            result = SlotPlayResult.Failed($"{ex.GetType().Name}: {ex.Message}");
        }

        var outcome = result switch
        {
            { BroadcastId: { } id } => new SlotRecord(schedule.Id, slot, late > OnTimeTolerance ? SlotStatus.Late : SlotStatus.Aired, now, late, id,
                SlotReasons.Aired(schedule, slot, late, uptime.StartedUtc, result)),
            { Refused: true } => new SlotRecord(schedule.Id, slot, SlotStatus.Refused, now, late, Reason: result.Error),
            _ => new SlotRecord(schedule.Id, slot, SlotStatus.Failed, now, late, Reason: result.Error),
        };
        ledger.Complete(outcome);
        reporter.Report(schedule, outcome);
        return outcome;
    }
}

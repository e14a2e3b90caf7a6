using Broadcast.Scheduling.Definitions;
using Quartz;

namespace Broadcast.Scheduling.Recurrence;

/// <summary>
/// The instants a schedule falls due, computed with the same Quartz cron expressions its triggers carry, in its time
/// zone. The scheduler fires by the triggers; the ledger, the sweep, the API and the calendar view read this plan.
/// </summary>
internal sealed class OccurrencePlan
{
    private readonly IReadOnlyList<CronExpression> _crons;
    private readonly DateTimeOffset? _oneOff;

    private OccurrencePlan(IReadOnlyList<CronExpression> crons, DateTimeOffset? oneOff)
    {
        _crons = crons;
        _oneOff = oneOff;
    }

    public static OccurrencePlan For(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind == ScheduleKind.OneOff)
        {
            return new OccurrencePlan([], LocalTime.ToUtc(definition.AtLocal!.Value, definition.TimeZone));
        }

        var crons = CronPlanner.ExpressionsFor(definition).Select(e => new CronExpression(e, definition.TimeZone)).ToList();
        return new OccurrencePlan(crons, null);
    }

    /// <summary>Occurrences strictly after <paramref name="fromExclusive"/>, ascending, without duplicates; endless for recurring kinds.</summary>
    public IEnumerable<DateTimeOffset> After(DateTimeOffset fromExclusive)
    {
        if (_oneOff is { } once)
        {
            if (once > fromExclusive)
            {
                yield return once;
            }

            yield break;
        }

        // A k-way merge: each expression yields its own ascending sequence.
        var next = _crons.Select(c => c.GetNextValidTimeAfter(fromExclusive)).ToArray();
        while (true)
        {
            DateTimeOffset? earliest = null;
            foreach (var candidate in next)
            {
                if (candidate is { } c && (earliest is null || c < earliest))
                {
                    earliest = c;
                }
            }

            if (earliest is not { } due)
            {
                yield break;
            }

            yield return due;
            for (var i = 0; i < next.Length; i++)
            {
                if (next[i] == due)
                {
                    next[i] = _crons[i].GetNextValidTimeAfter(due);
                }
            }
        }
    }

    /// <summary>Occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], ascending.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset fromExclusive, DateTimeOffset toInclusive) =>
        After(fromExclusive).TakeWhile(o => o <= toInclusive);
}

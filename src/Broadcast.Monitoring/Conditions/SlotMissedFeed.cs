using Broadcast.Audit;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;

namespace Broadcast.Monitoring.Conditions;

/// <summary>
/// Missed slots from the audit trail, read incrementally after a saved sequence number (saved with the alerts, in the
/// same transaction, so no entry raises twice across polls or restarts). A <c>slot.missed</c> entry whose result is
/// <c>missed</c> raises or adds to the schedule's alert; a deliberately skipped slot does not. The next slot of that
/// schedule that airs (<c>slot.fired</c>, aired or late) resolves it.
/// </summary>
internal sealed class SlotMissedFeed(IAuditTrail audit)
{
    public const string CursorName = "audit.slots";

    // On the very first poll of a new alerts.db, entries older than this are history, not news.
    internal static readonly TimeSpan FirstReadLookback = TimeSpan.FromDays(1);

    internal const int PageSize = 500;

    /// <summary>Observations from entries after <paramref name="cursor"/>, in trail order, and the cursor to save after them.</summary>
    public (List<Observation> Observations, long? Cursor) Read(long? cursor, DateTimeOffset now)
    {
        var from = cursor is null ? now - FirstReadLookback : (DateTimeOffset?)null;
        var missed = audit.Query(new AuditQuery(From: from, Action: AuditActions.SlotMissed, AfterSequence: cursor ?? 0, Limit: PageSize));
        var fired = audit.Query(new AuditQuery(From: from, Action: AuditActions.SlotFired, AfterSequence: cursor ?? 0, Limit: PageSize));

        // Two filtered reads merged in sequence order. A full page may have more behind it, so only entries up to the
        // shorter full page's last sequence are taken; the rest come next poll, still in order.
        var upTo = long.MaxValue;
        if (missed.Count == PageSize)
        {
            upTo = Math.Min(upTo, missed[^1].Sequence);
        }

        if (fired.Count == PageSize)
        {
            upTo = Math.Min(upTo, fired[^1].Sequence);
        }

        var entries = missed.Concat(fired).Where(e => e.Sequence <= upTo).OrderBy(e => e.Sequence).ToList();
        var observations = new List<Observation>();
        foreach (var entry in entries)
        {
            if (ToObservation(entry) is { } observation)
            {
                observations.Add(observation);
            }
        }

        var next = entries.Count == 0 ? cursor : entries[^1].Sequence;
        return (observations, next);
    }

    private static Observation? ToObservation(AuditEntry entry)
    {
        if (string.Equals(entry.Action, AuditActions.SlotMissed, StringComparison.OrdinalIgnoreCase))
        {
            if (!string.Equals(entry.Result, "missed", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var commune = entry.Communes.Count == 1 ? entry.Communes[0] : null;
            var message = $"{entry.Subject}: slot missed" + (string.IsNullOrWhiteSpace(entry.Detail) ? string.Empty : $" ({entry.Detail})");
            return new Observation(AlertKind.SlotMissed, entry.Subject, commune, AlertSeverity.Critical, message, 1, Holds: true);
        }

        return entry.Result is "aired" or "late" ? Observation.Cleared(AlertKind.SlotMissed, entry.Subject) : null;
    }
}

using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Storage;

namespace Broadcast.Monitoring.Book;

/// <summary>
/// The operations of one <see cref="AlertBook.Change{T}"/> transaction at one instant, <see cref="Now"/>. New alerts
/// are inserted at once (their ids are needed for grouping); changed ones are saved together at the end.
/// </summary>
internal sealed class AlertChanges(AlertStore store, Dictionary<AlertKey, AlertRecord> active, DateTimeOffset now)
{
    private readonly HashSet<AlertRecord> _dirty = [];
    private readonly List<AlertRecord> _resolved = [];
    private readonly List<AlertRecord> _raised = [];

    public DateTimeOffset Now { get; } = now;

    /// <summary>Active alerts, groups included, in id order (a copy: callers may change the book while iterating).</summary>
    public IReadOnlyList<AlertRecord> Active => [.. active.Values.OrderBy(a => a.Id)];

    /// <summary>Alerts raised in this transaction, groups included.</summary>
    public IReadOnlyList<AlertRecord> Raised => _raised;

    /// <summary>Alerts resolved in this transaction.</summary>
    public IReadOnlyList<AlertRecord> Resolved => _resolved;

    public AlertRecord? FindActive(AlertKey key) => active.GetValueOrDefault(key);

    /// <summary>
    /// Applies what a check saw: a condition that holds updates its one active alert (last seen, count) or raises it;
    /// a cleared one resolves it. Never a second alert for the same key while one is active.
    /// </summary>
    public void Apply(Observation observation)
    {
        var existing = active.GetValueOrDefault(observation.Key);
        if (!observation.Holds)
        {
            if (existing is not null)
            {
                Resolve(existing);
            }

            return;
        }

        if (existing is not null)
        {
            existing.LastSeenAt = Now;
            existing.Count += observation.Occurrences;
            existing.Severity = observation.Severity;
            existing.Message = observation.Message;
            _dirty.Add(existing);
            return;
        }

        Insert(new AlertRecord
        {
            Kind = observation.Kind,
            Severity = observation.Severity,
            Subject = observation.Subject,
            Commune = observation.Commune,
            Message = observation.Message,
            RaisedAt = Now,
            LastSeenAt = Now,
            Count = Math.Max(1, observation.Occurrences),
            State = AlertState.Open,
        });
    }

    /// <summary>Raises a group alert (subject <c>commune:NAME</c>).</summary>
    public AlertRecord RaiseGroup(AlertKind kind, string commune, AlertSeverity severity, string message, int members) =>
        Insert(new AlertRecord
        {
            Kind = kind,
            Severity = severity,
            Subject = GroupSubject(commune),
            Commune = commune,
            Message = message,
            RaisedAt = Now,
            LastSeenAt = Now,
            Count = members,
            State = AlertState.Open,
            IsGroup = true,
        });

    public static string GroupSubject(string commune) => "commune:" + commune;

    public void Resolve(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        alert.State = AlertState.Resolved;
        alert.ResolvedAt = Now;
        active.Remove(alert.Key);
        _resolved.Add(alert);
        // Saved now, not with the rest: a new alert for the same key later in this transaction must not meet the
        // unique index on active keys while the old row still reads active.
        store.Update(alert);
    }

    /// <summary>Marks an alert acknowledged; returns false when it already was.</summary>
    public bool Acknowledge(AlertRecord alert, string actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.State != AlertState.Open)
        {
            return false;
        }

        alert.State = AlertState.Acknowledged;
        alert.AcknowledgedBy = actor;
        alert.AcknowledgedAt = at ?? Now;
        _dirty.Add(alert);
        return true;
    }

    /// <summary>Any alert by id (a resolved one from the file), or null.</summary>
    public AlertRecord? Find(long id) => active.Values.FirstOrDefault(a => a.Id == id) ?? store.Get(id);

    /// <summary>Records that <paramref name="alert"/> changed in a way the caller made directly (group, notified).</summary>
    public void Touch(AlertRecord alert) => _dirty.Add(alert);

    public void SetCursor(string name, long value) => store.SetCursor(name, value);

    public void SaveDirty()
    {
        foreach (var alert in _dirty.OrderBy(a => a.Id))
        {
            store.Update(alert);
        }

        _dirty.Clear();
    }

    private AlertRecord Insert(AlertRecord alert)
    {
        alert.Id = store.Insert(alert);
        active[alert.Key] = alert;
        _raised.Add(alert);
        return alert;
    }
}

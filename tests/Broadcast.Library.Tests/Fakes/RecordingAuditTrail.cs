using Broadcast.Audit;

namespace Broadcast.Library.Tests.Fakes;

/// <summary>Keeps appended events in memory so tests can read what the library recorded.</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>When set, appends of events it matches throw, as a trail on a full disk would.</summary>
    public Func<AuditEvent, bool>? FailWhen { get; set; }

    public AuditEntry Append(AuditEvent auditEvent)
    {
        if (FailWhen?.Invoke(auditEvent) == true)
        {
            throw new IOException("No space left on device");
        }

        lock (_entries)
        {
            var entry = new AuditEntry(
                _entries.Count + 1,
                DateTimeOffset.UnixEpoch,
                auditEvent.Actor,
                auditEvent.Action,
                auditEvent.Subject,
                auditEvent.Result,
                auditEvent.Targets ?? [],
                auditEvent.Communes ?? [],
                auditEvent.Detail);
            _entries.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<AuditEntry> Query(AuditQuery query) => Entries;
}

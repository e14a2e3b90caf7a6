namespace Broadcast.Audit.Storage;

/// <summary>An append waiting for the writer; the thread that writes a batch fills in the outcome of each.</summary>
internal sealed class PendingAppend(AuditEvent auditEvent)
{
    public AuditEvent Event { get; } = auditEvent;

    public string[] Targets { get; } = auditEvent.Targets?.ToArray() ?? [];

    public string[] Communes { get; } = auditEvent.Communes?.ToArray() ?? [];

    /// <summary>Set once the batch holding this append was committed.</summary>
    public AuditEntry? Entry { get; set; }

    /// <summary>Set when the batch holding this append failed; nothing of that batch was written.</summary>
    public Exception? Error { get; set; }

    public bool Done => Entry is not null || Error is not null;
}

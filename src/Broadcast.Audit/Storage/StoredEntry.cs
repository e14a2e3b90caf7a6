namespace Broadcast.Audit.Storage;

/// <summary>An entry as its columns hold it: the time as its stored text, which is what the hash chain covers.</summary>
internal sealed record StoredEntry(
    long Sequence,
    string AtUtc,
    string Actor,
    string Action,
    string Subject,
    string Result,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Communes,
    string? Detail)
{
    public AuditEntry ToEntry() =>
        new(Sequence, AuditColumns.ParseAt(AtUtc), Actor, Action, Subject, Result, Targets, Communes, Detail);
}

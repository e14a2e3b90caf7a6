using System.Globalization;
using Broadcast.Audit;
using Broadcast.Library.Uploads;
using Microsoft.Extensions.Logging;

namespace Broadcast.Library.Storage;

/// <summary>
/// The library's entries in the audit trail and its log lines, side by side so they say the same thing. Entries for
/// what was done are written inside the database transaction (no programme without its entry); entries for what was
/// refused are best effort: failing to record a refusal must not hide the refusal itself, so it is logged instead.
/// </summary>
internal sealed class LibraryAudit(IAuditTrail trail, ILogger logger)
{
    public void Stored(string actor, ProgrammeRecord record)
    {
        var lufs = record.LoudnessLufs is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) : "silent";
        trail.Append(new AuditEvent(
            actor,
            AuditActions.ProgrammeUpload,
            record.Id,
            "ok",
            Communes: Communes(record.Commune),
            Detail: string.Create(CultureInfo.InvariantCulture, $"'{record.Title}' ({record.Category}) from {record.SourceFileName}, {record.DurationSeconds:0.0} s, {lufs} LUFS")));
        LibraryLog.ProgrammeStored(logger, record.Id, record.Title, record.Category, record.DurationSeconds, lufs, record.SourceFileName ?? "?", actor);
    }

    public void Duplicate(string actor, ProgrammeRecord existing, string fileName)
    {
        LibraryLog.DuplicateUpload(logger, fileName, actor, existing.Id);
        TryAppend(new AuditEvent(
            actor,
            AuditActions.ProgrammeUpload,
            existing.Id,
            "ok",
            Communes: Communes(existing.Commune),
            Detail: $"{fileName} is identical to programme {existing.Id} '{existing.Title}'; not stored again"));
    }

    public void Refused(string actor, string subject, ProgrammeUploadException refusal, string? commune)
    {
        LibraryLog.UploadRefused(logger, subject, actor, refusal.Refusal.ToString(), refusal.Message);
        TryAppend(new AuditEvent(actor, AuditActions.ProgrammeUpload, subject, "refused", Communes: Communes(commune), Detail: refusal.Message));
    }

    public void Deleted(string actor, ProgrammeRecord record)
    {
        trail.Append(new AuditEvent(actor, AuditActions.ProgrammeDelete, record.Id, "ok", Communes: Communes(record.Commune), Detail: $"'{record.Title}' ({record.Category})"));
        LibraryLog.ProgrammeDeleted(logger, record.Id, record.Title, actor);
    }

    public void DeleteRefused(string actor, ProgrammeRecord record, string usage)
    {
        LibraryLog.DeleteRefused(logger, record.Id, usage);
        TryAppend(new AuditEvent(actor, AuditActions.ProgrammeDelete, record.Id, "refused", Communes: Communes(record.Commune), Detail: $"still needed by {usage}"));
    }

    private void TryAppend(AuditEvent auditEvent)
    {
        try
        {
            trail.Append(auditEvent);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            LibraryLog.AuditFailed(logger, ex, auditEvent.Action, auditEvent.Subject, auditEvent.Result);
        }
    }

    private static string[]? Communes(string? commune) => commune is null ? null : [commune];
}

using Broadcast.Audit;
using Broadcast.Library.Storage;
using Microsoft.Extensions.Logging;

namespace Broadcast.Library.Bulletins;

/// <summary>
/// The workflow's entries in the audit trail: actor, programme, commune, the state before and after, and the reason
/// or note. Steps taken are written inside the database transaction (no change without its entry); refusals are best
/// effort, logged when the trail cannot take them, because failing to record a refusal must not hide the refusal.
/// </summary>
internal sealed class BulletinAudit(IAuditTrail trail, ILogger logger)
{
    public void Step(string actor, string action, ProgrammeRecord before, ProgrammeRecord after, string? note = null)
    {
        var move = before.State == after.State ? ProgrammeStateNames.Of(after.State) : $"{ProgrammeStateNames.Of(before.State)} -> {ProgrammeStateNames.Of(after.State)}";
        var detail = $"'{after.Title}' {move}{(note is null ? string.Empty : "; " + note)}";
        trail.Append(new AuditEvent(actor, action, after.Id, "ok", Communes: Communes(after.Commune), Detail: detail));
        LibraryLog.BulletinStep(logger, action, after.Id, actor, detail);
    }

    public void Refused(string actor, string action, string subject, string? commune, BulletinException refusal)
    {
        LibraryLog.BulletinRefused(logger, action, subject, actor, refusal.Message);
        try
        {
            trail.Append(new AuditEvent(actor, action, subject, "refused", Communes: Communes(commune), Detail: refusal.Message));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            LibraryLog.AuditFailed(logger, ex, action, subject, "refused");
        }
    }

    public void Migrated(LibraryMigration migration)
    {
        var detail = $"library.db schema {migration.FromVersion} -> {migration.ToVersion}: {migration.KeptApproved} programmes were already approved; "
            + $"{migration.DistrictApproved} district programmes count as approved (by '{LibrarySchema.MigrationActor}': only district operators could upload them); "
            + $"{migration.CommuneSubmitted} commune items were submitted for review in their uploader's name";
        trail.Append(new AuditEvent(AuditActors.System, BulletinAuditActions.Migrate, "library", "ok", Detail: detail));
        LibraryLog.LibraryMigrated(logger, detail);
    }

    private static string[]? Communes(string? commune) => commune is null ? null : [commune];
}

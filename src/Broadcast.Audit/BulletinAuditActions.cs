namespace Broadcast.Audit;

/// <summary>
/// Audit actions of the bulletin approval workflow (stable: reports and exports key on them). They extend the
/// <c>programme.*</c> family of <see cref="AuditActions"/> because a bulletin is a library programme; approving one is
/// <see cref="AuditActions.ProgrammeApprove"/>.
/// </summary>
public static class BulletinAuditActions
{
    /// <summary>Sent for approval (draft or rejected -> submitted).</summary>
    public const string Submit = "programme.submit";

    /// <summary>Approved (submitted -> approved); the same name as <see cref="AuditActions.ProgrammeApprove"/>.</summary>
    public const string Approve = AuditActions.ProgrammeApprove;

    /// <summary>Rejected with a reason (submitted -> rejected).</summary>
    public const string Reject = "programme.reject";

    /// <summary>Title, category or audio changed; an approved programme goes back to submitted.</summary>
    public const string Edit = "programme.edit";

    /// <summary>Made from text by text-to-speech.</summary>
    public const string Speech = "programme.tts";

    /// <summary>Aired in an emergency before it was approved: flagged for review.</summary>
    public const string EmergencyUse = "programme.emergency-use";

    /// <summary>An approver reviewed an emergency use and cleared the flag.</summary>
    public const string Review = "programme.review";

    /// <summary>The library database was upgraded and the states of older programmes decided.</summary>
    public const string Migrate = "programme.migrate";
}

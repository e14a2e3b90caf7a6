namespace Broadcast.Audit;

/// <summary>
/// The append-only record of who did what, where and when (uploads, approvals, schedule changes, broadcast
/// start/stop/preempt/miss, endpoint provision/revoke). There is deliberately no update or delete.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends one entry durably (it survives a kill -9 once this returns) and returns it with its sequence number.</summary>
    AuditEntry Append(AuditEvent auditEvent);

    /// <summary>Entries matching <paramref name="query"/>, oldest first.</summary>
    IReadOnlyList<AuditEntry> Query(AuditQuery query);
}

/// <summary>What a caller records; the trail adds the time and the sequence number.</summary>
/// <param name="Actor">Who: a user name, or one of <see cref="AuditActors"/>.</param>
/// <param name="Action">What happened: one of <see cref="AuditActions"/>.</param>
/// <param name="Subject">What it happened to: a programme id, schedule id, broadcast id, endpoint id.</param>
/// <param name="Result">How it ended: <c>ok</c>, <c>refused</c>, <c>failed</c>, <c>missed</c>...</param>
/// <param name="Targets">Target expressions or endpoint ids concerned.</param>
/// <param name="Communes">Communes concerned (for the per-commune view of officials).</param>
/// <param name="Detail">Free text a person can read: the reason, the error, the file name.</param>
public sealed record AuditEvent(
    string Actor,
    string Action,
    string Subject,
    string Result,
    IReadOnlyList<string>? Targets = null,
    IReadOnlyList<string>? Communes = null,
    string? Detail = null);

/// <summary>A recorded entry.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    string Result,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Communes,
    string? Detail);

/// <summary>Filter for <see cref="IAuditTrail.Query"/>; null fields do not filter. <c>To</c> is exclusive.</summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Commune = null,
    string? Action = null,
    long AfterSequence = 0,
    int Limit = 1000);

/// <summary>Actors that are not people.</summary>
public static class AuditActors
{
    /// <summary>A request on the loopback API before accounts exist (issue: accounts and roles).</summary>
    public const string Local = "local";

    public const string Scheduler = "scheduler";

    public const string System = "system";
}

/// <summary>The action names used in the trail (stable: reports and exports key on them).</summary>
public static class AuditActions
{
    public const string ProgrammeUpload = "programme.upload";
    public const string ProgrammeDelete = "programme.delete";
    public const string ProgrammeApprove = "programme.approve";
    public const string ScheduleAdd = "schedule.add";
    public const string ScheduleRemove = "schedule.remove";
    public const string ScheduleSkip = "schedule.skip";
    public const string SlotFired = "slot.fired";
    public const string SlotMissed = "slot.missed";
    public const string BroadcastStart = "broadcast.start";
    public const string BroadcastRefused = "broadcast.refused";
    public const string BroadcastStop = "broadcast.stop";
    public const string BroadcastEnd = "broadcast.end";
    public const string BroadcastPreempt = "broadcast.preempt";
    public const string QueueChange = "queue.change";
    public const string EndpointProvision = "endpoint.provision";
    public const string EndpointRevoke = "endpoint.revoke";
}

using System.Globalization;

namespace Broadcast.Library.Bulletins;

/// <summary>
/// The workflow's transitions as pure functions of a programme: each returns the programme after the step or throws
/// <see cref="BulletinException"/> saying why the step does not apply. The store runs them inside its write transaction.
/// </summary>
/// <remarks>
/// Four-eyes: the approver must be someone else than whoever submitted the programme, made or last changed its content,
/// or used it in an emergency before it was approved. Rejecting needs no second person: it stops a programme rather than
/// letting it air, so an approver may withdraw their own submission that way.
/// </remarks>
internal static class BulletinRules
{
    public const int MaxReasonLength = 500;

    public static ProgrammeRecord Submit(ProgrammeRecord r, string actor, DateTimeOffset now) => r.State switch
    {
        ProgrammeState.Draft or ProgrammeState.Rejected => r with { State = ProgrammeState.Submitted, SubmittedAt = now, SubmittedBy = actor },
        ProgrammeState.Submitted => throw Conflict(r, $"it was already submitted by {r.SubmittedBy} and waits for an approver"),
        _ => throw Conflict(r, "it is already approved; change its title, category or audio to send it back for approval"),
    };

    public static ProgrammeRecord Approve(ProgrammeRecord r, BulletinActor actor, bool inScope, DateTimeOffset now)
    {
        CheckScope(r, actor, inScope, "approve");
        switch (r.State)
        {
            case ProgrammeState.Draft:
                throw Conflict(r, "only a submitted programme can be approved; its editor must submit it first");
            case ProgrammeState.Approved:
                throw Conflict(r, $"it was already approved by {r.ApprovedBy} at {Format(r.ApprovedAt)}");
            case ProgrammeState.Rejected:
                throw Conflict(r, $"it was rejected by {r.RejectedBy} ({r.RejectionReason}); its editor must change it and submit it again");
        }

        CheckFourEyes(r, actor, "approve");
        return r with
        {
            State = ProgrammeState.Approved,
            ApprovedAt = now,
            ApprovedBy = actor.Name,
            RejectedAt = null,
            RejectedBy = null,
            RejectionReason = null,
            FlaggedForReview = false,
        };
    }

    public static ProgrammeRecord Reject(ProgrammeRecord r, BulletinActor actor, bool inScope, string reason, DateTimeOffset now)
    {
        CheckScope(r, actor, inScope, "reject");
        if (r.State != ProgrammeState.Submitted)
        {
            throw Conflict(r, r.State == ProgrammeState.Approved
                ? "only a submitted programme can be rejected; an approved one goes back for approval when its editor changes it"
                : "only a submitted programme can be rejected");
        }

        return r with
        {
            State = ProgrammeState.Rejected,
            RejectedAt = now,
            RejectedBy = actor.Name,
            RejectionReason = reason,
            ApprovedAt = null,
            ApprovedBy = null,
            FlaggedForReview = false,
        };
    }

    /// <summary>A changed title, category or audio: an approved programme goes back to submitted, in the editor's name.</summary>
    public static ProgrammeRecord Edit(ProgrammeRecord changed, string actor, DateTimeOffset now)
    {
        var edited = changed with { EditedAt = now, EditedBy = actor };
        return changed.State == ProgrammeState.Approved
            ? edited with { State = ProgrammeState.Submitted, SubmittedAt = now, SubmittedBy = actor, ApprovedAt = null, ApprovedBy = null }
            : edited;
    }

    /// <summary>Null when <paramref name="r"/> is approved (an emergency use of it needs no review).</summary>
    public static ProgrammeRecord? Flag(ProgrammeRecord r, string actor, string broadcast, DateTimeOffset now)
    {
        if (r.Approved)
        {
            return null;
        }

        var flagged = r with { FlaggedForReview = true, FlaggedAt = now, FlaggedBy = actor, FlagDetail = broadcast };
        // A draft aired in an emergency goes to the approvers' list, where the review happens.
        return r.State == ProgrammeState.Draft ? flagged with { State = ProgrammeState.Submitted, SubmittedAt = now, SubmittedBy = actor } : flagged;
    }

    public static ProgrammeRecord Review(ProgrammeRecord r, BulletinActor actor, bool inScope)
    {
        CheckScope(r, actor, inScope, "review");
        if (!r.FlaggedForReview)
        {
            throw Conflict(r, "it is not flagged for review (no emergency broadcast used it before approval, or that use was already reviewed)");
        }

        CheckFourEyes(r, actor, "review");
        return r with { FlaggedForReview = false };
    }

    /// <summary>Checks a rejection reason: required, one line, at most <see cref="MaxReasonLength"/> characters.</summary>
    public static string Reason(string? reason)
    {
        var clean = string.Join(' ', (reason ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0)
        {
            throw new BulletinException(BulletinRefusal.InvalidField, "reason: a rejection needs a reason the editor can act on (e.g. \"sai ngày tiêm chủng\")", field: "reason");
        }

        return clean.Length <= MaxReasonLength
            ? clean
            : throw new BulletinException(BulletinRefusal.InvalidField, $"reason: {clean.Length} characters; at most {MaxReasonLength} are allowed", field: "reason");
    }

    public static string Describe(ProgrammeRecord r) => $"programme {r.Id} '{r.Title}'";

    private static void CheckScope(ProgrammeRecord r, BulletinActor actor, bool inScope, string verb)
    {
        if (!actor.Approval.IsApprover)
        {
            throw new BulletinException(BulletinRefusal.Forbidden, $"{actor.Name} is not an approver: only an Approver or an administrator may {verb} {Describe(r)}", r.State);
        }

        if (!inScope)
        {
            var item = r.Commune is null ? "a district item, which a district approver or an administrator decides" : $"an item of commune {r.Commune}";
            throw new BulletinException(BulletinRefusal.Forbidden, $"{actor.Name} approves for {actor.Approval} only; {Describe(r)} is {item}", r.State);
        }
    }

    private static void CheckFourEyes(ProgrammeRecord r, BulletinActor actor, string verb)
    {
        if (actor.SingleUser)
        {
            return;
        }

        var role = Same(actor.Name, r.SubmittedBy) ? "submitted"
            : Same(actor.Name, r.EditedBy) ? "last changed"
            : Same(actor.Name, r.CreatedBy) ? "made"
            : r.FlaggedForReview && Same(actor.Name, r.FlaggedBy) ? "used in an emergency broadcast"
            : null;
        if (role is not null)
        {
            throw new BulletinException(BulletinRefusal.Forbidden, $"four-eyes rule: {actor.Name} {role} {Describe(r)}, so another approver must {verb} it", r.State);
        }
    }

    private static bool Same(string name, string? other) => other is not null && string.Equals(name.Trim(), other.Trim(), StringComparison.OrdinalIgnoreCase);

    private static BulletinException Conflict(ProgrammeRecord r, string why) =>
        new(BulletinRefusal.Conflict, $"{Describe(r)} is {ProgrammeStateNames.Of(r.State)}: {why}", r.State);

    private static string Format(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}

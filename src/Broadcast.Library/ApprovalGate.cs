namespace Broadcast.Library;

/// <summary>
/// The one rule the streaming engine, the play queue and the scheduler ask before they use a library programme: only
/// approved programmes air. An emergency broadcast (emergency priority, which the central authorisation grants only
/// to holders of the emergency permission) may use an unapproved one; the caller then flags it for review with
/// <see cref="IProgrammeCatalog.MarkFlaggedForReview"/>.
/// </summary>
public static class ApprovalGate
{
    /// <summary>Null when <paramref name="record"/> may be played (or scheduled); otherwise why not, in words an operator can act on.</summary>
    /// <param name="record">The programme.</param>
    /// <param name="emergency">The request is an emergency broadcast: every state may play.</param>
    public static string? WhyNotPlayable(ProgrammeRecord record, bool emergency)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Approved || emergency)
        {
            return null;
        }

        var what = $"programme {record.Id} '{record.Title}'";
        return record.State switch
        {
            ProgrammeState.Draft => $"{what} is a draft: only approved programmes can be broadcast or scheduled; submit it for approval (bcast bulletin submit {record.Id})",
            ProgrammeState.Submitted => $"{what} is waiting for approval (submitted by {record.SubmittedBy ?? "?"}): only approved programmes can be broadcast or scheduled",
            ProgrammeState.Rejected => $"{what} was rejected by {record.RejectedBy ?? "?"} ({record.RejectionReason ?? "no reason given"}): change it and submit it again",
            _ => $"{what} is {record.State.ToString().ToLowerInvariant()}: only approved programmes can be broadcast or scheduled",
        };
    }

    /// <summary>True when an emergency use of <paramref name="record"/> must be flagged for review (it is not approved).</summary>
    public static bool NeedsReviewAfterEmergencyUse(ProgrammeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return !record.Approved;
    }
}

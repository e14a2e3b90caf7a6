namespace Broadcast.Library;

/// <summary>Read side of the programme library, used by the streaming engine and the scheduler.</summary>
public interface IProgrammeCatalog
{
    /// <summary>The programme with this id, or null. Its <see cref="ProgrammeRecord.State"/> says whether it may air (<see cref="ApprovalGate"/>).</summary>
    ProgrammeRecord? Find(string id);

    /// <summary>
    /// Records that an emergency broadcast (<paramref name="broadcast"/>, e.g. "broadcast 42") by <paramref name="actor"/>
    /// used programme <paramref name="id"/> although it was not approved, so approvers review it afterwards. True when
    /// the programme was flagged; false when it is approved (nothing to review) or unknown. A catalogue without an
    /// approval workflow flags nothing.
    /// </summary>
    bool MarkFlaggedForReview(string id, string actor, string broadcast) => false;

    /// <summary>Records that programme <paramref name="id"/> went on air now (the bulletins' "aired" status). A catalogue without bulletins ignores it.</summary>
    void RecordAired(string id)
    {
    }
}

/// <summary>
/// Lets the library ask whether a future schedule still needs a programme before deleting it. Implemented by the
/// scheduler; the library holds no reference to it.
/// </summary>
public interface IProgrammeUsage
{
    /// <summary>A description of a future schedule that plays <paramref name="programmeId"/> (e.g. "schedule 12 'Bản tin sáng' next at 2026-11-24 05:30"), or null.</summary>
    string? FindFutureUse(string programmeId);
}

/// <summary>
/// A programme in the library: metadata plus the path of its encoded Ogg Opus file. <see cref="LoudnessLufs"/> is the
/// integrated loudness after normalisation, null when the programme is silence (kept at its level, never amplified);
/// <see cref="ContentHash"/> is the SHA-256 of the uploaded bytes; <see cref="SizeBytes"/> is the encoded file's size.
/// </summary>
public sealed record ProgrammeRecord(
    string Id,
    string Title,
    string Category,
    string? Commune,
    string Owner,
    double DurationSeconds,
    double? LoudnessLufs,
    string ContentHash,
    long SizeBytes,
    string AudioPath,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy)
{
    /// <summary>Name of the file as uploaded (for people; the library keys on <see cref="ContentHash"/>).</summary>
    public string? SourceFileName { get; init; }

    /// <summary>Size of the file as uploaded, in bytes (<see cref="SizeBytes"/> is the encoded file's).</summary>
    public long SourceBytes { get; init; }

    /// <summary>
    /// Where the programme stands in the approval workflow (docs/bulletins.md). Built without it, a record counts as
    /// approved when <see cref="ApprovedAt"/> is set and as a draft otherwise.
    /// </summary>
    public ProgrammeState State { get; init; } = ApprovedAt is null ? ProgrammeState.Draft : ProgrammeState.Approved;

    /// <summary>Approved: it may be broadcast and scheduled (<see cref="ApprovalGate"/>).</summary>
    public bool Approved => State == ProgrammeState.Approved;

    /// <summary>When it was last submitted for approval, and by whom.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    public string? SubmittedBy { get; init; }

    /// <summary>When it was last rejected, by whom and why (kept while it is rejected; cleared when it is approved).</summary>
    public DateTimeOffset? RejectedAt { get; init; }

    public string? RejectedBy { get; init; }

    public string? RejectionReason { get; init; }

    /// <summary>The last change to its title, category or audio after it was created, and who made it (four-eyes counts them as an author).</summary>
    public DateTimeOffset? EditedAt { get; init; }

    public string? EditedBy { get; init; }

    /// <summary>An emergency broadcast used it before it was approved: approvers must review it (<see cref="FlagDetail"/> says which broadcast).</summary>
    public bool FlaggedForReview { get; init; }

    public DateTimeOffset? FlaggedAt { get; init; }

    public string? FlaggedBy { get; init; }

    public string? FlagDetail { get; init; }

    /// <summary>For a programme made by text-to-speech: the text that was read, and the voice.</summary>
    public string? SpeechText { get; init; }

    public string? SpeechVoice { get; init; }

    /// <summary>When it last went on air (<see cref="IProgrammeCatalog.RecordAired"/>).</summary>
    public DateTimeOffset? LastAiredAt { get; init; }
}

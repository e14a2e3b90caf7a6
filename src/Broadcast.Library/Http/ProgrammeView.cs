using System.Text.Json.Serialization;
using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Http;

/// <summary>
/// A programme as the API shows it: the metadata, where to fetch its audio, and for an upload whether it was a
/// duplicate (<see cref="Duplicate"/> appears in upload answers only). The server's file path is left out; <see cref="AudioUrl"/> serves the file.
/// </summary>
public sealed record ProgrammeView(
    string Id,
    string Title,
    string Category,
    string? Commune,
    string Owner,
    double DurationSeconds,
    double? LoudnessLufs,
    string ContentHash,
    long SizeBytes,
    string? SourceFileName,
    long SourceBytes,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    string AudioUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Duplicate = null)
{
    /// <summary>Approval state: draft, submitted, approved or rejected (<c>/api/bulletins</c> has the whole workflow).</summary>
    public string State { get; init; } = "draft";

    /// <summary>Used in an emergency before it was approved; an approver has yet to review it.</summary>
    public bool FlaggedForReview { get; init; }

    public static ProgrammeView From(ProgrammeRecord record, bool? duplicate = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ProgrammeView(
            record.Id,
            record.Title,
            record.Category,
            record.Commune,
            record.Owner,
            Math.Round(record.DurationSeconds, 3),
            record.LoudnessLufs is { } l ? Math.Round(l, 2) : null,
            record.ContentHash,
            record.SizeBytes,
            record.SourceFileName,
            record.SourceBytes,
            record.CreatedAt,
            record.CreatedBy,
            record.ApprovedAt,
            record.ApprovedBy,
            $"/api/programmes/{record.Id}/audio",
            duplicate)
        {
            State = ProgrammeStateNames.Of(record.State),
            FlaggedForReview = record.FlaggedForReview,
        };
    }
}

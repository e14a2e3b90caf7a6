using System.Text.Json.Serialization;
using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Http;

/// <summary>
/// A bulletin as <c>/api/bulletins</c> shows it: the programme, its workflow <see cref="Status"/> (draft, submitted,
/// approved, rejected, scheduled, aired) and who did what when. <see cref="Id"/> and <see cref="ProgrammeId"/> are the
/// same library id: a bulletin is a programme. <see cref="Target"/> is where an approval lets it air as a commune
/// item (<c>commune:NAME</c>) or <c>all</c> for a district item.
/// </summary>
public sealed record BulletinView(
    string Id,
    string ProgrammeId,
    string Title,
    string Category,
    string? Commune,
    string Target,
    string Status,
    string State,
    double DurationSeconds,
    double? LoudnessLufs,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    DateTimeOffset? RejectedAt,
    string? RejectedBy,
    string? Reason,
    DateTimeOffset? EditedAt,
    string? EditedBy,
    bool FlaggedForReview,
    DateTimeOffset? FlaggedAt,
    string? FlaggedBy,
    string? FlagDetail,
    string? Text,
    string? Voice,
    DateTimeOffset? LastAiredAt,
    string? NextUse,
    string AudioUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Duplicate = null)
{
    public static BulletinView From(Bulletin bulletin, bool? duplicate = null)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var r = bulletin.Programme;
        return new BulletinView(
            r.Id,
            r.Id,
            r.Title,
            r.Category,
            r.Commune,
            r.Commune is null ? "all" : $"commune:{r.Commune}",
            BulletinStatusNames.Of(bulletin.Status),
            ProgrammeStateNames.Of(r.State),
            Math.Round(r.DurationSeconds, 3),
            r.LoudnessLufs is { } l ? Math.Round(l, 2) : null,
            r.CreatedAt,
            r.CreatedBy,
            r.SubmittedAt,
            r.SubmittedBy,
            r.ApprovedAt,
            r.ApprovedBy,
            r.RejectedAt,
            r.RejectedBy,
            r.RejectionReason,
            r.EditedAt,
            r.EditedBy,
            r.FlaggedForReview,
            r.FlaggedAt,
            r.FlaggedBy,
            r.FlagDetail,
            r.SpeechText,
            r.SpeechVoice,
            r.LastAiredAt,
            bulletin.NextUse,
            $"/api/programmes/{r.Id}/audio",
            duplicate);
    }
}

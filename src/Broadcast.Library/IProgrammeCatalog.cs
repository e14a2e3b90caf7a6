namespace Broadcast.Library;

/// <summary>Read side of the programme library, used by the streaming engine and the scheduler.</summary>
public interface IProgrammeCatalog
{
    /// <summary>The programme with this id, or null.</summary>
    ProgrammeRecord? Find(string id);
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

/// <summary>A programme in the library: metadata plus the path of its encoded Ogg Opus file.</summary>
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
    string? ApprovedBy);

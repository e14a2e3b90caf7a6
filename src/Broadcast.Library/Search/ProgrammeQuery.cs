namespace Broadcast.Library.Search;

/// <summary>A search of the library; null fields do not filter. Results are newest first.</summary>
public sealed record ProgrammeQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Words that must all occur in the title, ignoring case and diacritics ("ban tin" finds "Bản tin sáng").</summary>
    public string? Text { get; init; }

    /// <summary>One of <see cref="Uploads.ProgrammeCategories"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Only the items of this commune (name, ignoring case and diacritics).</summary>
    public string? Commune { get; init; }

    /// <summary>Only programmes in this approval state.</summary>
    public ProgrammeState? State { get; init; }

    /// <summary>Only programmes flagged for review after an emergency use (true) or only those not flagged (false).</summary>
    public bool? FlaggedForReview { get; init; }

    /// <summary>Only programmes that have aired (true) or that never aired (false).</summary>
    public bool? Aired { get; init; }

    /// <summary>Uploaded at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Uploaded before this instant (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Items per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;
}

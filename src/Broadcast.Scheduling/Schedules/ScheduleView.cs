namespace Broadcast.Scheduling.Schedules;

/// <summary>
/// A schedule as the API shows it; times are local to <c>TimeZone</c> with their offset. <c>Description</c> is for
/// people (<c>daily at 05:30, 17:00</c>); <c>Triggers</c> are the Quartz cron expressions it fires by (none for a
/// one-off); <c>Next</c> holds the next 10 slots, with <c>skipped</c> set on exception dates.
/// </summary>
public sealed record ScheduleView(
    long Id,
    string Name,
    string Kind,
    string Description,
    string? At,
    IReadOnlyList<string> Times,
    string? Cron,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> Programmes,
    string Target,
    string Priority,
    string GraceWindow,
    string TimeZone,
    string CreatedBy,
    string CreatedAt,
    string? RemovedAt,
    IReadOnlyList<SkipView> Skips,
    IReadOnlyList<OccurrenceView> Next);

/// <summary>An exception date of a schedule.</summary>
public sealed record SkipView(string Date, string? Reason);

/// <summary>An upcoming slot.</summary>
public sealed record OccurrenceView(string At, bool Skipped);

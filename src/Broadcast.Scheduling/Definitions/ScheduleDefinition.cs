using Broadcast.Controller.Broadcasts;

namespace Broadcast.Scheduling.Definitions;

/// <summary>
/// A schedule as stored: what plays (a playlist), where, at which priority, when (by <see cref="Kind"/>), and how late
/// a slot may still air. Times are local to <see cref="TimeZone"/>.
/// </summary>
internal sealed record ScheduleDefinition
{
    public long Id { get; init; }

    public required string Name { get; init; }

    public required ScheduleKind Kind { get; init; }

    /// <summary><see cref="ScheduleKind.OneOff"/>: the local date and time.</summary>
    public DateTime? AtLocal { get; init; }

    /// <summary>Daily, weekdays and first-Monday kinds: the local times of day, ascending.</summary>
    public IReadOnlyList<TimeOnly> Times { get; init; } = [];

    /// <summary><see cref="ScheduleKind.Cron"/>: the Quartz expression as given.</summary>
    public string? Cron { get; init; }

    /// <summary>Programme ids played back to back, in order.</summary>
    public required IReadOnlyList<string> Programmes { get; init; }

    public required string Target { get; init; }

    public required BroadcastPriority Priority { get; init; }

    public required TimeSpan GraceWindow { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public string? RemovedBy { get; init; }

    public DateTimeOffset? RemovedUtc { get; init; }

    public IReadOnlyList<SkipDate> Skips { get; init; } = [];

    public bool IsRemoved => RemovedUtc is not null;

    /// <summary>The skip for the local date of <paramref name="slotUtc"/>, or null.</summary>
    public SkipDate? SkipFor(DateTimeOffset slotUtc)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(slotUtc, TimeZone).DateTime);
        return Skips.FirstOrDefault(s => s.Date == date);
    }
}

namespace Broadcast.Scheduling.Definitions;

/// <summary>A local date on which a schedule does not air (a holiday, a special programme), and why.</summary>
public sealed record SkipDate(DateOnly Date, string? Reason);

namespace Broadcast.Scheduling.Definitions;

/// <summary>The spellings of <see cref="ScheduleKind"/> in the API, the database and messages.</summary>
internal static class ScheduleKindNames
{
    public const string Choices = "oneOff, daily, weekdays, monthlyFirstMonday or cron";

    public static string Name(ScheduleKind kind) => kind switch
    {
        ScheduleKind.OneOff => "oneOff",
        ScheduleKind.Daily => "daily",
        ScheduleKind.Weekdays => "weekdays",
        ScheduleKind.MonthlyFirstMonday => "monthlyFirstMonday",
        ScheduleKind.Cron => "cron",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Accepts any case and the CLI's dashed spellings (<c>one-off</c>, <c>monthly-first-monday</c>).</summary>
    public static bool TryParse(string? text, out ScheduleKind kind)
    {
        var key = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        foreach (var candidate in Enum.GetValues<ScheduleKind>())
        {
            if (string.Equals(Name(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

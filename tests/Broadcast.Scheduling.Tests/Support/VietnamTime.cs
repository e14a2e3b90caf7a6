namespace Broadcast.Scheduling.Tests.Support;

/// <summary>
/// Expected instants written independently of the code under test: Vietnam has kept UTC+7 without daylight saving
/// since 1975, so local 05:30 on a date is that date at 05:30 minus seven hours.
/// </summary>
internal static class VietnamTime
{
    public const string Zone = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset At(DateOnly date, int hour, int minute, int second = 0) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute, second)), Offset).ToUniversalTime();

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second = 0) =>
        At(new DateOnly(year, month, day), hour, minute, second);

    public static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}

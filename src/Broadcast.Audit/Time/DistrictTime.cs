namespace Broadcast.Audit.Time;

/// <summary>
/// The time zone people read the trail in: Asia/Ho_Chi_Minh. Dates without a time mean midnight there, and the CSV
/// export shows local time, because officials compare it with the station's log book.
/// </summary>
public static class DistrictTime
{
    /// <summary>Asia/Ho_Chi_Minh from the system's time zone data, or a fixed UTC+07:00 where that data is missing.</summary>
    public static TimeZoneInfo Zone { get; } = Load();

    /// <summary><paramref name="at"/> as wall-clock time in <see cref="Zone"/>.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A wall-clock time in <see cref="Zone"/> as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Minimal containers ship without tzdata. Vietnam has kept UTC+07:00 without daylight saving since 1975,
            // so a fixed offset gives the same answer for every date the trail can hold.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}

using System.Globalization;

namespace Broadcast.Scheduling.Recurrence;

/// <summary>Conversions between instants and a schedule's wall clock, and how times are written for people.</summary>
internal static class LocalTime
{
    /// <summary>The instant a local wall-clock time denotes in <paramref name="zone"/> (the earlier one when a DST change repeats it).</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(instant, zone).DateTime);

    /// <summary><c>2026-12-01 05:30</c> (seconds only when not zero).</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = ToLocal(instant, zone);
        return local.ToString(local.Second == 0 && local.Millisecond == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Like <see cref="Format"/>, but only the time when <paramref name="instant"/> is on the same local day as <paramref name="reference"/>.</summary>
    public static string FormatNear(DateTimeOffset instant, DateTimeOffset reference, TimeZoneInfo zone)
    {
        var full = Format(instant, zone);
        return DateOf(instant, zone) == DateOf(reference, zone) ? full[11..] : full;
    }

    /// <summary>ISO 8601 with the zone's offset, for the API: <c>2026-12-01T05:30:00+07:00</c>.</summary>
    public static string Iso(DateTimeOffset instant, TimeZoneInfo zone) =>
        ToLocal(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A duration as people say it: <c>10-minute</c>, <c>2-second</c>, <c>1-hour</c>, else <c>00:01:30</c>.</summary>
    public static string Window(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0}-hour"),
        { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0}-minute"),
        _ when span.TotalSeconds == Math.Floor(span.TotalSeconds) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}-second"),
        _ => span.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>A lateness for people: <c>3 min 12 s</c>, <c>850 ms</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
        }

        return span < TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Broadcast.Audit.Time;

/// <summary>
/// Reads the <c>from</c>/<c>to</c> values of an audit request: ISO 8601 only, so that <c>03/04/2025</c> cannot mean
/// two different days. Without an offset, a time is wall-clock time in Asia/Ho_Chi_Minh; a date alone is its midnight.
/// </summary>
public static partial class AuditTimeParser
{
    /// <summary>An example shown in error messages.</summary>
    public const string Examples = "2025-03-01, 2025-03-01T08:30, 2025-03-01T08:30:00+07:00 or 2025-03-01T01:30:00Z";

    private static readonly string[] DateTimeFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF",
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, without naming the parameter.</summary>
    public static bool TryParse(string text, out DateTimeOffset value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var s = text.Trim();
        if (s.Length > 10 && s[10] == ' ')
        {
            // ISO 8601 allows a space for the T by agreement, and people type it.
            s = string.Concat(s.AsSpan(0, 10), "T", s.AsSpan(11));
        }

        s = RestorePlus(s);

        if (DateTime.TryParseExact(s, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = DistrictTime.FromLocal(date);
            problem = null;
            return true;
        }

        var offset = (TimeSpan?)null;
        var body = s;
        if (s.EndsWith('Z') || s.EndsWith('z'))
        {
            offset = TimeSpan.Zero;
            body = s[..^1];
        }
        else if (OffsetSuffix().Match(s) is { Success: true } m)
        {
            var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
            {
                problem = $"'{text}' has offset {m.Value}, outside -14:00..+14:00";
                return false;
            }

            var magnitude = new TimeSpan(hours, minutes, 0);
            offset = m.Groups["sign"].Value == "-" ? -magnitude : magnitude;
            body = s[..m.Index];
        }

        if (!DateTime.TryParseExact(body, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            problem = $"'{text}' is not an ISO 8601 date or time; use {Examples}";
            return false;
        }

        try
        {
            value = offset is { } o ? new DateTimeOffset(wallClock, o) : DistrictTime.FromLocal(wallClock);
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = $"'{text}' is outside the range of dates the trail can hold";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// An unencoded <c>+07:00</c> in a URL query arrives as <c> 07:00</c> (a plus means a space there); put it back
    /// rather than refuse what the technician clearly meant.
    /// </summary>
    private static string RestorePlus(string s)
    {
        var m = SpaceOffset().Match(s);
        return m.Success ? string.Concat(s.AsSpan(0, m.Index), "+", s.AsSpan(m.Index + 1)) : s;
    }

    [GeneratedRegex(@"(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex(@"(?<=T\d{2}:\d{2}(:\d{2}(\.\d+)?)?) (?=\d{2}:?\d{2}$)", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceOffset();
}

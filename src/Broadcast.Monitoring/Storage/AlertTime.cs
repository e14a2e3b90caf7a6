using System.Globalization;

namespace Broadcast.Monitoring.Storage;

/// <summary>Instants as fixed-width UTC text, so that comparing and sorting the text orders the instants.</summary>
internal static class AlertTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Write(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object WriteOrNull(DateTimeOffset? at) => at is { } value ? Write(value) : DBNull.Value;

    public static DateTimeOffset Read(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc));
}

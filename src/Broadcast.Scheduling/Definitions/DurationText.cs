using System.Globalization;

namespace Broadcast.Scheduling.Definitions;

/// <summary>Reads durations as technicians write them: <c>00:10:00</c>, <c>10m</c>, <c>90s</c>, <c>2h</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            return false;
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value);
        }

        var unit = s[^1];
        if (!double.TryParse(s[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        value = char.ToLowerInvariant(unit) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }
}

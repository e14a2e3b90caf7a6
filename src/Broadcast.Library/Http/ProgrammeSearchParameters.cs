using System.Globalization;
using Broadcast.Library.Search;
using Broadcast.Library.Uploads;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Library.Http;

/// <summary>
/// The query string of <c>GET /api/programmes</c>: <c>q</c>, <c>category</c>, <c>commune</c>, <c>from</c>, <c>to</c>,
/// <c>page</c>, <c>pageSize</c>. A date without a time (<c>2026-11-24</c>) is a whole day in the controller's time
/// zone: <c>from</c> starts at its midnight and <c>to</c> includes it; a date-time without an offset is local too.
/// </summary>
public static class ProgrammeSearchParameters
{
    /// <summary>Parses <paramref name="query"/>; on failure <paramref name="error"/> names the parameter and what is wrong.</summary>
    public static bool TryParse(IQueryCollection query, TimeZoneInfo zone, out ProgrammeQuery result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(zone);
        result = new ProgrammeQuery();
        error = null;

        var category = Value(query, "category");
        if (category is not null && ProgrammeCategories.Find(category) is null)
        {
            error = $"category: unknown category '{category}'; use one of {string.Join(", ", ProgrammeCategories.All)}";
            return false;
        }

        if (!TryInstant(query, "from", zone, endOfDay: false, out var from, ref error)
            || !TryInstant(query, "to", zone, endOfDay: true, out var to, ref error)
            || !TryInt(query, "page", 1, int.MaxValue, 1, out var page, ref error)
            || !TryInt(query, "pageSize", 1, ProgrammeQuery.MaxPageSize, ProgrammeQuery.DefaultPageSize, out var pageSize, ref error))
        {
            return false;
        }

        result = new ProgrammeQuery
        {
            Text = Value(query, "q"),
            Category = category is null ? null : ProgrammeCategories.Find(category),
            Commune = Value(query, "commune"),
            From = from,
            To = to,
            Page = page,
            PageSize = pageSize,
        };
        return true;
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static bool TryInt(IQueryCollection query, string name, int min, int max, int fallback, out int value, ref string? error)
    {
        value = fallback;
        var text = Value(query, name);
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = $"{name}: '{text}' is not a whole number from {min} to {max}";
        return false;
    }

    private static bool TryInstant(IQueryCollection query, string name, TimeZoneInfo zone, bool endOfDay, out DateTimeOffset? value, ref string? error)
    {
        value = null;
        var text = Value(query, name);
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = (endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue);
            value = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
            return true;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            value = instant.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(instant, zone.GetUtcOffset(instant)) : new DateTimeOffset(instant);
            return true;
        }

        error = $"{name}: '{text}' is not a date; write 2026-11-24 or 2026-11-24T05:30:00+07:00";
        return false;
    }
}

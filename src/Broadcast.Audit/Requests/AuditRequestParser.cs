using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Broadcast.Audit.Time;

namespace Broadcast.Audit.Requests;

/// <summary>
/// Turns the query-string values of <c>GET /api/audit</c> into an <see cref="AuditQuery"/>, or names the parameter
/// that is wrong. Values arrive as text so that a bad number is reported by name, not as a bare 400.
/// </summary>
public static class AuditRequestParser
{
    /// <summary>The page size when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 1000;

    public static bool TryParse(
        string? from, string? to, string? commune, string? action, string? after, string? limit, int maxLimit,
        out AuditQuery query, [NotNullWhen(false)] out AuditRequestError? error)
    {
        query = new AuditQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLimit, 1);
        var fromError = TryTime("from", from, out var fromTime);
        var toError = TryTime("to", to, out var toTime);
        var afterError = TryNumber("after", after, 0, long.MaxValue, 0, out var afterSeq);
        var limitError = TryNumber("limit", limit, 1, maxLimit, Math.Min(DefaultLimit, maxLimit), out var limitValue);
        error = fromError ?? toError ?? afterError ?? limitError;
        if (error is not null)
        {
            return false;
        }

        if (fromTime is { } f && toTime is { } t && f >= t)
        {
            error = new AuditRequestError("to", $"to ({to}) must be after from ({from}); to is exclusive, so to=2025-04-01 ends March");
            return false;
        }

        query = new AuditQuery(
            fromTime, toTime,
            string.IsNullOrWhiteSpace(commune) ? null : commune.Trim(),
            string.IsNullOrWhiteSpace(action) ? null : action.Trim(),
            afterSeq, (int)limitValue);
        return true;
    }

    private static AuditRequestError? TryTime(string name, string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!AuditTimeParser.TryParse(text, out var parsed, out var problem))
        {
            return new AuditRequestError(name, $"{name}: {problem}");
        }

        value = parsed;
        return null;
    }

    private static AuditRequestError? TryNumber(string name, string? text, long min, long max, long fallback, out long value)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            value = fallback;
            return new AuditRequestError(name, string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a whole number from {min} to {max}"));
        }

        return null;
    }
}

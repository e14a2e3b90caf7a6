using System.Globalization;
using System.Text;

namespace Broadcast.Library.Search;

/// <summary>
/// The form titles are searched in: lower case, without diacritics, single spaces. Vietnamese is typed without its
/// marks on many phones and keyboards, so "ban tin" must find "Bản tin sáng".
/// </summary>
internal static class TextFolding
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // FormD splits "ả" into "a" + U+0309 and "ơ" into "o" + U+031B; dropping the non-spacing marks leaves the base letters.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // đ/Đ is a letter of its own with no decomposition: it is the one Vietnamese letter FormD leaves alone.
            sb.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return CollapseSpaces(sb.ToString());
    }

    /// <summary>Folded search words of <paramref name="query"/> (empty for null or blank).</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string CollapseSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Broadcast.Audit.Storage;

/// <summary>How entry fields are written into and read from their columns.</summary>
internal static class AuditColumns
{
    /// <summary>
    /// Fixed-width UTC with every tick, so that text order is time order (range queries compare the text and use the
    /// index) and a time reads back exactly.
    /// </summary>
    private const string AtFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    // Separates commune keys; a control character no commune name can hold.
    private const char KeySeparator = '\u001F';

    // The lists are read by people with a SQLite tool too: keep Vietnamese letters as they are, not as \u escapes.
    private static readonly JsonSerializerOptions ListJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FormatAt(DateTimeOffset at) => at.UtcDateTime.ToString(AtFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseAt(string text) =>
        DateTimeOffset.ParseExact(text, AtFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static bool TryParseAt(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, AtFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    public static string FormatList(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, ListJson);

    /// <summary>Reads a list column; null when it is not a JSON array of strings (the file was edited by hand).</summary>
    public static IReadOnlyList<string>? TryParseList(string json)
    {
        try
        {
            var items = JsonSerializer.Deserialize<string[]>(json, ListJson);
            return items is null || Array.Exists(items, i => i is null) ? null : items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The searchable form of an entry's communes: each name's <see cref="CommuneKey"/> between separators, so that
    /// SQLite's byte-wise <c>instr</c> finds a whole name (SQLite's own NOCASE folds ASCII only, not "Ư" or "Ị").
    /// </summary>
    public static string CommuneKeys(IReadOnlyList<string> communes)
    {
        var sb = new StringBuilder();
        foreach (var commune in communes)
        {
            sb.Append(KeySeparator).Append(CommuneKey(commune)).Append(KeySeparator);
        }

        return sb.ToString();
    }

    /// <summary>What <c>instr</c> looks for in <see cref="CommuneKeys"/> to find <paramref name="commune"/>.</summary>
    public static string CommuneNeedle(string commune) => string.Concat(KeySeparator.ToString(), CommuneKey(commune), KeySeparator.ToString());

    /// <summary>
    /// Upper-case invariant of the NFC form: equal keys are exactly the names equal under ordinal-ignore-case once
    /// composed. Composition matters because some Vietnamese keyboards send "ị" as "i" plus a combining dot below.
    /// </summary>
    private static string CommuneKey(string commune)
    {
        var composed = commune.Trim().Normalize(NormalizationForm.FormC).ToUpperInvariant();
        return composed.Contains(KeySeparator, StringComparison.Ordinal) ? composed.Replace(KeySeparator, ' ') : composed;
    }
}

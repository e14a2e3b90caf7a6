using System.Text;

namespace Broadcast.Library.Uploads;

/// <summary>
/// Makes the client's file name safe to create on disk. The name is kept (not replaced by a random one) because the
/// ingest names the file in its errors ("news.mp3: not audio") and ffmpeg may use the extension as a format hint.
/// </summary>
internal static class UploadFileName
{
    public const string Fallback = "upload";
    private const int MaxLength = 120;

    public static string Sanitize(string? clientName)
    {
        // Browsers on Windows send "C:\Users\...\x.mp3": keep only the last segment whatever the separator.
        var name = (clientName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Normalize(NormalizationForm.FormC);
        var invalid = Path.GetInvalidFileNameChars();
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsControl(c) || Array.IndexOf(invalid, c) >= 0 ? '_' : c);
        }

        // No hidden files, no names ffmpeg could read as an option or a protocol.
        var safe = sb.ToString().Trim().TrimStart('.', '-').Replace(':', '_');
        if (safe.Length > MaxLength)
        {
            var ext = Path.GetExtension(safe);
            ext = ext.Length is > 0 and <= 10 ? ext : string.Empty;
            var keep = MaxLength - ext.Length;
            // Never cut between the halves of a surrogate pair (an emoji in a file name).
            keep -= char.IsHighSurrogate(safe[keep - 1]) ? 1 : 0;
            safe = safe[..keep] + ext;
        }

        return safe.Length == 0 ? Fallback : safe;
    }
}

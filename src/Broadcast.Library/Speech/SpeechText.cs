using System.Text;
using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Speech;

/// <summary>Checks and cleans the text of a text-to-speech request.</summary>
internal static class SpeechText
{
    /// <summary>The text in NFC with control characters other than line breaks made spaces; throws naming the field when it is empty or too long.</summary>
    public static string Clean(string? text, int maxLength)
    {
        var sb = new StringBuilder((text ?? string.Empty).Length);
        foreach (var c in (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC))
        {
            sb.Append(c == '\n' || !char.IsControl(c) ? c : ' ');
        }

        var clean = sb.ToString().Trim();
        if (!clean.Any(char.IsLetterOrDigit))
        {
            throw new BulletinException(BulletinRefusal.InvalidField, "text: nothing to read; give the notice as text (e.g. \"Thông báo: ngày mai ...\")", field: "text");
        }

        return clean.Length <= maxLength
            ? clean
            : throw new BulletinException(BulletinRefusal.InvalidField, $"text: {clean.Length} characters; at most {maxLength} are read in one bulletin (Speech:MaxTextLength): split it, or record it", field: "text");
    }

    /// <summary>The voice as <paramref name="options"/> spell it, the default for none, or throws naming the ones allowed.</summary>
    public static string Voice(string? voice, SpeechOptions options)
    {
        if (string.IsNullOrWhiteSpace(voice))
        {
            return options.DefaultVoice;
        }

        return options.Voices.FirstOrDefault(v => string.Equals(v, voice.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new BulletinException(BulletinRefusal.InvalidField, $"voice: '{voice.Trim()}' is not offered; use one of {string.Join(", ", options.Voices)} (Speech:Voices)", field: "voice");
    }
}

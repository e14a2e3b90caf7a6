using System.Globalization;

namespace Broadcast.Cli.Commands;

/// <summary>Reads bitrates the way operators write them: "32k", "32kbps", "32000".</summary>
internal static class BitrateParser
{
    public static bool TryParse(string text, out int bitsPerSecond)
    {
        bitsPerSecond = 0;
        var s = text.Trim().ToUpperInvariant();
        if (s.EndsWith("BPS", StringComparison.Ordinal))
        {
            s = s[..^3];
        }

        var multiplier = 1;
        if (s.EndsWith('K'))
        {
            multiplier = 1000;
            s = s[..^1];
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value))
        {
            return false;
        }

        var bps = value * multiplier;
        if (bps > int.MaxValue)
        {
            return false;
        }

        bitsPerSecond = (int)Math.Round(bps);
        return true;
    }
}

using System.Globalization;

namespace Broadcast.FirmwareSim.Impairment;

/// <summary>Parsers for the units of the command line and the topology's impairments (10s, 80ms, 2h, 5%, 64kbit).</summary>
internal static class Units
{
    /// <summary>"500ms", "10s", "2m", "2h", "1.5s"; a bare number is seconds.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        double scaleMs;
        if (t.EndsWith("ms", StringComparison.Ordinal))
        {
            scaleMs = 1;
            t = t[..^2];
        }
        else if (t.EndsWith('s'))
        {
            scaleMs = 1000;
            t = t[..^1];
        }
        else if (t.EndsWith('m'))
        {
            scaleMs = 60_000;
            t = t[..^1];
        }
        else if (t.EndsWith('h'))
        {
            scaleMs = 3_600_000;
            t = t[..^1];
        }
        else
        {
            scaleMs = 1000;
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || double.IsInfinity(number))
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(number * scaleMs);
        return true;
    }

    /// <summary>"5%" or "0.05" into a probability 0..1.</summary>
    public static bool TryParseFraction(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = percent ? number / 100 : number;
        return value is >= 0 and <= 1;
    }

    /// <summary>"64kbit", "1mbit", "8000bit" into bits per second.</summary>
    public static bool TryParseBitRate(string? text, out long bitsPerSecond)
    {
        bitsPerSecond = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        long scale = 1;
        if (t.EndsWith("kbit", StringComparison.Ordinal))
        {
            scale = 1000;
            t = t[..^4];
        }
        else if (t.EndsWith("mbit", StringComparison.Ordinal))
        {
            scale = 1_000_000;
            t = t[..^4];
        }
        else if (t.EndsWith("bit", StringComparison.Ordinal))
        {
            t = t[..^3];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        bitsPerSecond = (long)(number * scale);
        return bitsPerSecond > 0;
    }
}

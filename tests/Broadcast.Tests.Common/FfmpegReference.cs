using System.Globalization;
using System.Text.RegularExpressions;

namespace Broadcast.Tests.Common;

/// <summary>Reference loudness figures from ffmpeg's ebur128 filter, the yardstick named by the issue.</summary>
public static partial class FfmpegReference
{
    public sealed record Loudness(double IntegratedLufs, double TruePeakDbtp);

    public static Loudness Measure(string path)
    {
        var r = ExternalTool.Run("ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-");
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg ebur128 failed on {path}: {r.StdErr}");
        }

        // The summary block comes last; take the last match of each figure.
        var i = IntegratedRegex().Matches(r.StdErr);
        var p = PeakRegex().Matches(r.StdErr);
        if (i.Count == 0 || p.Count == 0)
        {
            throw new InvalidOperationException($"ffmpeg ebur128 summary not found for {path}: {r.StdErr}");
        }

        return new Loudness(
            double.Parse(i[^1].Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(p[^1].Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+|-inf) LUFS")]
    private static partial Regex IntegratedRegex();

    [GeneratedRegex(@"Peak:\s+(-?[\d.]+|-inf) dBFS")]
    private static partial Regex PeakRegex();
}

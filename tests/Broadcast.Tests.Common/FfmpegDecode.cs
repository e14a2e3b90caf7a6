using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Broadcast.Tests.Common;

/// <summary>Decodes any file to 48 kHz mono float with ffmpeg, independently of the code under test.</summary>
public static class FfmpegDecode
{
    public static float[] ToMonoFloats(string path)
    {
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-hide_banner", "-nostdin", "-v", "error", "-i", path, "-f", "f32le", "-ac", "1", "-ar", "48000", "pipe:1" })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not decode {path}: {err.Result}");
        }

        return MemoryMarshal.Cast<byte, float>(ms.ToArray()).ToArray();
    }

    /// <summary>Duration in seconds as ffprobe reports it from the container.</summary>
    public static double ProbeDuration(string path)
    {
        var r = ExternalTool.Run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path);
        return double.Parse(r.StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

namespace Broadcast.Tests.Common;

/// <summary>Files of hostile shapes for bad-input tests.</summary>
public static class RandomFiles
{
    public static void WriteRandom(string path, int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        // Make sure no accidental RIFF/ID3/Ogg magic sends the file down a specific reader.
        bytes[0] = 0x13;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>An MP3 of a sine made by ffmpeg (libmp3lame).</summary>
    public static void WriteMp3Sine(string path, double seconds, int frequency = 440)
    {
        var r = ExternalTool.Run("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            FormattableString.Invariant($"sine=frequency={frequency}:duration={seconds}"), "-c:a", "libmp3lame", "-b:a", "64k", path);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException(r.StdErr);
        }
    }
}

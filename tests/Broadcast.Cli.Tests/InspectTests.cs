using System.Text.Json;
using Broadcast.Tests.Common;

namespace Broadcast.Cli.Tests;

public sealed class InspectTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InspectJson_StereoMp3_ReportsFormatAndLoudnessLikeFfmpeg()
    {
        var path = _dir.File("tone.mp3");
        var r0 = ExternalTool.Run("ffmpeg", "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:duration=4", "-af", "volume=-20dB,pan=stereo|c0=c0|c1=c0", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", path);
        Assert.Equal(0, r0.ExitCode);
        var reference = FfmpegReference.Measure(path);

        var r = BcastProcess.Run("inspect", path, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal("mp3", root.GetProperty("codec").GetString());
        Assert.Equal(44100, root.GetProperty("sampleRate").GetInt32());
        Assert.Equal(2, root.GetProperty("channels").GetInt32());
        Assert.InRange(root.GetProperty("durationSeconds").GetDouble(), 3.95, 4.1);
        Assert.InRange(root.GetProperty("integratedLufs").GetDouble(), reference.IntegratedLufs - 0.3, reference.IntegratedLufs + 0.3);
        Assert.InRange(root.GetProperty("truePeakDbtp").GetDouble(), reference.TruePeakDbtp - 0.3, reference.TruePeakDbtp + 0.3);
        Assert.InRange(root.GetProperty("bitrate").GetInt64(), 100_000, 160_000);
    }

    [Fact]
    public void EncodeThenInspect_OpusOutput_ReportsOpusAtTargetLoudness()
    {
        var input = _dir.File("speech.wav");
        Signals.WriteWav16(input, Signals.Sine(440, -30, 8));
        var output = _dir.File("speech.opus");
        Assert.Equal(0, BcastProcess.Run("encode", input, output, "--bitrate", "24k", "--title", "Bản tin sáng").ExitCode);

        var r = BcastProcess.Run("inspect", output, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal("opus", doc.RootElement.GetProperty("codec").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("channels").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("integratedLufs").GetDouble(), -16.7, -15.3);
        Assert.InRange(doc.RootElement.GetProperty("durationSeconds").GetDouble(), 7.98, 8.02);
        var title = ExternalTool.Run("ffprobe", "-v", "error", "-show_entries", "stream_tags=title", "-of", "csv=p=0", output).StdOut.Trim();
        Assert.Equal("Bản tin sáng", title);
    }

    [Fact]
    public void Inspect_MissingFile_ExitsBadInput()
    {
        var r = BcastProcess.Run("inspect", _dir.File("gone.wav"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("gone.wav", r.StdErr, StringComparison.Ordinal);
    }
}

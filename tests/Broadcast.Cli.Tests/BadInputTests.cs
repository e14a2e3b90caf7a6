using Broadcast.Tests.Common;

namespace Broadcast.Cli.Tests;

/// <summary>Every bad input of the foundation issue: non-zero exit, one clear line naming the file, no output file.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Encode_EmptyFile_ExitsBadInputWithOneLine()
        => AssertRejected(WriteBytes("empty.wav", []), "empty.wav", "empty");

    [Fact]
    public void Encode_RandomBytes_ExitsBadInputWithOneLine()
    {
        var path = _dir.File("noise.mp3");
        RandomFiles.WriteRandom(path, 50_000);
        AssertRejected(path, "noise.mp3", "not");
    }

    [Fact]
    public void Encode_WavWithLyingHeader_ExitsBadInput()
    {
        var path = _dir.File("liar.wav");
        Signals.WriteWav16(path, Signals.Sine(440, -20, 1));
        var bytes = File.ReadAllBytes(path);
        // data chunk size (offset 40) claims 10 MB; the file holds 96,000 bytes of audio.
        BitConverterLe(bytes, 40, 10_000_000);
        File.WriteAllBytes(path, bytes);
        AssertRejected(path, "liar.wav", "10");
    }

    [Fact]
    public void Encode_WavWithZeroLengthAudio_ExitsBadInput()
    {
        var path = _dir.File("nothing.wav");
        Signals.WriteWav16(path, []);
        AssertRejected(path, "nothing.wav", "audio");
    }

    [Fact]
    public void Encode_MissingFile_ExitsBadInputNamingPath()
        => AssertRejected(_dir.File("does-not-exist.mp3"), "does-not-exist.mp3", "not");

    [Fact]
    public void Encode_TruncatedMp3_EncodesWhatIsThereOrFailsCleanly()
    {
        var full = _dir.File("full.mp3");
        RandomFiles.WriteMp3Sine(full, 6);
        var bytes = File.ReadAllBytes(full);
        var cut = WriteBytes("cut.mp3", bytes[..(bytes.Length / 2)]);
        var output = _dir.File("cut.opus");

        var r = BcastProcess.Run("encode", cut, output, "--json");

        // ffmpeg decodes the complete MP3 frames that are present; a half file is half a programme, never more,
        // and never a crash. If it fails, it fails with the file named and no output.
        if (r.ExitCode == 0)
        {
            Assert.InRange(FfmpegDecode.ProbeDuration(output), 2.5, 3.5);
        }
        else
        {
            Assert.Equal(3, r.ExitCode);
            Assert.Contains("cut.mp3", r.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
    }

    [Fact]
    public void Encode_SilenceOnly_SucceedsAndWarnsNotAmplified()
    {
        var path = _dir.File("quiet.wav");
        Signals.WriteWav16(path, new float[48000]);
        var output = _dir.File("quiet.opus");

        var r = BcastProcess.Run("encode", path, output);

        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(output));
        Assert.Contains("not amplified", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_OutputDirectoryNotWritable_ExitsOutputFailedAndLeavesNothing()
    {
        var input = _dir.File("tone.wav");
        Signals.WriteWav16(input, Signals.Sine(440, -20, 1));
        var locked = Path.Combine(_dir.Path, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            // root ignores directory permissions (CI runs as root); for root the unwritable case is a read-only
            // file system, which /proc is on every Linux machine.
            var target = Environment.UserName == "root" ? "/proc/bcast-test-out.opus" : Path.Combine(locked, "out.opus");

            var r = BcastProcess.Run("encode", input, target);

            Assert.Equal(4, r.ExitCode);
            Assert.Single(r.ErrorLines());
            Assert.Contains(Path.GetFileName(target), r.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(target));
            Assert.Empty(Directory.GetFiles(locked));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Encode_OutputDirectoryMissing_ExitsOutputFailedNamingIt()
    {
        var input = _dir.File("tone.wav");
        Signals.WriteWav16(input, Signals.Sine(440, -20, 1));

        var r = BcastProcess.Run("encode", input, Path.Combine(_dir.Path, "missing", "out.opus"));

        Assert.Equal(4, r.ExitCode);
        Assert.Single(r.ErrorLines());
        Assert.Contains("missing", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "missing")));
    }

    [Fact]
    public void Encode_BitrateOutOfRange_ExitsUsageNamingSetting()
    {
        var input = _dir.File("tone.wav");
        Signals.WriteWav16(input, Signals.Sine(440, -20, 1));

        var r = BcastProcess.Run("encode", input, _dir.File("out.opus"), "--bitrate", "500k");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Bitrate", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("out.opus")));
    }

    private void AssertRejected(string input, string fileName, string problemWord)
    {
        var output = _dir.File(Path.GetFileNameWithoutExtension(input) + ".opus");

        var r = BcastProcess.Run("encode", input, output);

        Assert.Equal(3, r.ExitCode);
        var lines = r.ErrorLines();
        Assert.Single(lines);
        Assert.Contains(fileName, lines[0], StringComparison.Ordinal);
        Assert.Contains(problemWord, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.partial", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir.Path, ".*")));
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void BitConverterLe(byte[] b, int offset, int value)
        => System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), value);
}
